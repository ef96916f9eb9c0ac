import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

/**
 * MongoDB is the source of truth: losing every Redis key mid-cycle, or killing a worker
 * process mid-cycle, loses no reminder, escalation or compilation, and duplicates none.
 */
describe('durability (e2e)', () => {
  describe('Redis wiped mid-cycle', () => {
    const h = new EngineHarness({ msPerDay: 20, reconcileEveryMs: 400 });
    beforeAll(() => h.start(), 60_000);
    afterAll(() => h.stop(), 60_000);

    it('rebuilds every timer from MongoDB: reminders, escalations and the compilation all happen', async () => {
      const groups = ['education', 'sport', 'security'];
      const res = await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Wiped after fan-out', groups, dueAfterDays: 80, compileAfterDays: 130 }))
        .expect(201);
      const cycleId = res.body.id;
      await h.waitFor('fan-out', async () => (await h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested');
      const tasks = (await h.http.get(`/api/cycles/${cycleId}/tasks`)).body;
      await (
        await h.chair('education')
      )
        .post(`/api/tasks/${tasks.find((t: any) => t.groupKey === 'education').id}/submissions`)
        .send(reportFor('education'))
        .expect(201);

      const delayedBefore = await h.redis.zcard(`${h.prefix}:deadlines:delayed`);
      expect(delayedBefore).toBeGreaterThan(0);
      expect(await h.wipeRedis()).toBeGreaterThan(0);
      expect(await h.redis.zcard(`${h.prefix}:deadlines:delayed`)).toBe(0);

      // Wait for every effect, not only the report: the compilation and a late escalation are
      // separate jobs, and on a busy machine either may run first.
      const eventsOf = async (group: string) => (await h.events(cycleId)).filter((e) => e.groupKey === group);
      const report = await h.waitFor('report compiled and every follow-up done after the wipe', async () => {
        const r = await h.http.get(`/api/cycles/${cycleId}/report`);
        if (r.status !== 200) return false;
        for (const group of ['sport', 'security']) {
          const escalated = (await eventsOf(group)).filter((e) => e.type === 'task.escalated');
          if (escalated.length < 2) return false;
        }
        return r.body;
      });
      expect(report.coverage).toMatchObject({ total: 3, onTime: 1, late: 0, missing: 2 });

      for (const group of ['sport', 'security']) {
        const events = await eventsOf(group);
        const types = events.map((e) => e.type);
        expect(types.filter((t) => t === 'task.reminded')).toHaveLength(2);
        expect(types.filter((t) => t === 'task.overdue')).toHaveLength(1);
        expect(events.filter((e) => e.type === 'task.escalated').map((e) => e.data.level)).toEqual([1, 2]);
      }
      // Nothing follows up a report once it is in. (A reminder due before the submission went out
      // legitimately when the machine was slow to submit: only what comes after it counts.)
      const education = await eventsOf('education');
      const submittedAt = education.find((e) => e.type === 'submission.received')!.at.getTime();
      const after = education.filter((e) => e.at.getTime() > submittedAt).map((e) => e.type);
      expect(after).not.toContain('task.reminded');
      expect(after).not.toContain('task.escalated');
    });

    it('rebuilds a milestone request whose timer was lost before it fired', async () => {
      const res = await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Wiped before fan-out', groups: ['education', 'sport'], requestInDays: 20 }))
        .expect(201);
      expect(await h.wipeRedis()).toBeGreaterThan(0);
      const cycle = await h.waitFor('tasks requested after the wipe', async () => {
        const c = (await h.http.get(`/api/cycles/${res.body.id}`)).body;
        return c.progress.milestones[0].status === 'requested' && c;
      });
      expect(cycle.progress.tasksByStatus.open + cycle.progress.tasksByStatus.overdue).toBe(2);
    });
  });

  describe('worker process killed mid-cycle', () => {
    const h = new EngineHarness({ msPerDay: 20, worker: false, reconcileEveryMs: 400 });
    beforeAll(() => h.start(), 60_000);
    afterAll(() => h.stop(), 60_000);

    it('a restarted worker carries on without duplicate escalations or notifications', async () => {
      const first = await h.spawnWorker();
      const groups = ['education', 'labour-market', 'sport', 'security', 'public-services'];
      const res = await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Killed worker', groups, requestInDays: 5, dueAfterDays: 50, compileAfterDays: 100 }))
        .expect(201);
      const cycleId = res.body.id;

      // Kill it hard once the first level-1 escalations are under way.
      await h.waitFor('first escalation', async () => (await h.events(cycleId, 'task.escalated')).length >= 1, 60_000);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const escalatedAtKill = (await h.events(cycleId, 'task.escalated')).length;
      expect(escalatedAtKill).toBeLessThan(groups.length * 2);

      await h.spawnWorker();
      await h
        .waitFor(
          'every escalation and the report, by the second worker',
          async () => {
            const compiled = (await h.http.get(`/api/cycles/${cycleId}/report`)).status === 200;
            // Each escalation's notification is planned just after its event: wait for both, or
            // the check can fall between the two.
            const escalated = (await h.events(cycleId, 'task.escalated')).length;
            const notified = (await h.events(cycleId, 'notification.queued')).filter((n) => n.data.kind === 'escalated').length;
            return compiled && escalated >= groups.length * 2 && notified >= groups.length * 2;
          },
          30_000,
        )
        .catch(async (err) => {
          const tasks = await h.db.collection('tasks').find({ cycleId }).toArray();
          const states: string[] = [];
          for (const t of tasks) {
            for (const l of [1, 2]) {
              const id = `escalate-${t._id}-v0-${l}`;
              const exists = await h.redis.exists(`${h.prefix}:deadlines:${id}`);
              const fields = exists ? await h.redis.hgetall(`${h.prefix}:deadlines:${id}`) : {};
              states.push(
                `${t.groupKey} L${l}: level=${t.escalationLevel} status=${t.status} fired=${t.firedTimers.join(',')} job=${exists ? JSON.stringify({ ...fields, data: undefined, opts: undefined }) : 'none'}`,
              );
            }
          }
          const keys = await h.redis.keys(`${h.prefix}:deadlines:*`);
          throw new Error(`${(err as Error).message}\n${states.join('\n')}\nkeys: ${keys.filter((k) => !/escalate|reminder|overdue/.test(k)).join(' ')}`);
        });

      const escalations = await h.events(cycleId, 'task.escalated');
      const perTaskLevel = new Map<string, number>();
      for (const e of escalations) perTaskLevel.set(`${e.taskId}/${e.data.level}`, (perTaskLevel.get(`${e.taskId}/${e.data.level}`) ?? 0) + 1);
      expect(perTaskLevel.size).toBe(groups.length * 2);
      expect([...perTaskLevel.values()].every((n) => n === 1)).toBe(true);

      // Even when both levels were overdue at the restart, the chair heard before the committee.
      for (const t of new Set(escalations.map((e) => e.taskId))) {
        const mine = escalations.filter((e) => e.taskId === t);
        expect(mine.map((e) => [e.data.level, e.data.target])).toEqual([
          [1, 'chair'],
          [2, 'committee'],
        ]);
      }
      const notifications = (await h.events(cycleId, 'notification.queued')).filter((n) => n.data.kind === 'escalated');
      expect(notifications).toHaveLength(groups.length * 2);

      const tasks = await h.db.collection('tasks').find({ cycleId }).toArray();
      for (const t of tasks) {
        expect(t.escalationLevel).toBe(2);
        expect(new Set(t.firedTimers).size).toBe(t.firedTimers.length);
      }
      const reports = await h.db.collection('reports').countDocuments({ cycleId });
      expect(reports).toBe(1);
    });
  });
});
