import { ObjectId } from 'mongodb';
import { DeadlineService } from '@pact/engine';
import { EmbeddedDb } from './support/embedded-db';
import { EngineHarness, PACT_GROUP_KEYS, reportFor, shortCycle } from './support/engine-harness';

const GROUPS = PACT_GROUP_KEYS;

/**
 * Guarded single-document updates must hold on the embedded database as on MongoDB 7:
 * FerretDB 1.24 applies findAndModify/update as read, modify in Go, write back the whole
 * document without re-checking the filter, so without the write gate (tools/ferretdb) a timer
 * effect that read the task just before a submission writes its stale copy back just after,
 * undoing an acknowledged (201) submission. These rounds race the two on the test's own
 * embedded database and check that nothing acknowledged is ever undone.
 */
describe('atomic guarded updates on the embedded database (e2e)', () => {
  // EMBEDDED_DB_WRITE_GATE=off runs the same rounds without the gate, to see them fail.
  const db = new EmbeddedDb({ writeGate: process.env.EMBEDDED_DB_WRITE_GATE !== 'off' });
  // A day of cycle time is 2 s here, so no timer of these cycles fires by itself during the test:
  // the races below are the only timer effects.
  const h = new EngineHarness({ msPerDay: 2000, mongoUri: () => db.uri, reconcileEveryMs: 60_000 });
  let deadlines: DeadlineService;

  beforeAll(async () => {
    await db.start();
    await h.start();
    deadlines = h.api.get(DeadlineService);
  }, 120_000);
  afterAll(async () => {
    await h.stop();
    await db.destroy();
  }, 60_000);

  const task = (id: string) => h.db.collection('tasks').findOne({ _id: new ObjectId(id) });

  async function openTasks(name: string): Promise<{ id: string; groupKey: string; cycleId: string; dueAt: string }[]> {
    const res = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name, groups: GROUPS, requestInDays: 1, dueAfterDays: 200, compileAfterDays: 300 }))
      .expect(201);
    const cycleId = res.body.id;
    await h.waitFor('fan-out', async () => (await h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested', 60_000);
    const tasks = (await h.http.get(`/api/cycles/${cycleId}/tasks?limit=100`)).body;
    expect(tasks).toHaveLength(GROUPS.length);
    return tasks.map((t: any) => ({ id: t.id, groupKey: t.groupKey, cycleId, dueAt: t.dueAt }));
  }

  const timerJob = (t: { id: string; cycleId: string; dueAt: string }, kind: 'reminder' | 'overdue' | 'escalate', index = 1) => ({
    taskId: t.id,
    cycleId: t.cycleId,
    dueVersion: 0,
    timerKey: kind === 'reminder' ? `reminder-${t.id}-v0-${index}` : kind === 'overdue' ? `overdue-${t.id}-v0` : `escalate-${t.id}-v0-${index}`,
    index: kind === 'overdue' ? 0 : index,
    fireAt: t.dueAt,
  });

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('a submission racing a reminder, the overdue timer or an escalation is never undone', async () => {
    const effects: ((t: any) => Promise<unknown>)[] = [
      (t) => deadlines.remind(timerJob(t, 'reminder', 1)),
      (t) => deadlines.markOverdue(timerJob(t, 'overdue')),
      (t) => deadlines.escalate(timerJob(t, 'escalate', 1)),
      (t) => deadlines.escalate(timerJob(t, 'escalate', 2)),
    ];
    const rounds: { t: any; acknowledged: number[] }[] = [];
    for (let c = 0; c < 4; c++) {
      const tasks = await openTasks(`Race ${c}`);
      await Promise.all(
        tasks.map(async (t, i) => {
          const chair = await h.chair(t.groupKey);
          const effect = effects[(c + i) % effects.length];
          // The timer effect starts 0–14 ms after the request: across rounds, every interleaving.
          const [res] = await Promise.all([
            chair.post(`/api/tasks/${t.id}/submissions`).send(reportFor(t.groupKey)),
            pause((i * 5 + c * 3) % 15).then(() => effect(t)),
          ]);
          expect(res.status).toBe(201);
          rounds.push({ t, acknowledged: [res.body.submission.revision] });
        }),
      );
    }
    expect(rounds).toHaveLength(48);
    for (const { t, acknowledged } of rounds) {
      const stored = await task(t.id);
      // Acknowledged, so submitted (not open or overdue again), on time (before the due date), revision 1.
      expect({ group: t.groupKey, status: stored!.status, late: stored!.late, latestRevision: stored!.latestRevision }).toEqual({
        group: t.groupKey,
        status: 'submitted',
        late: false,
        latestRevision: Math.max(...acknowledged),
      });
    }
  });

  it('revisions racing each other and a timer: latestRevision never moves backwards and ends at the last acknowledged one', async () => {
    const tasks = await openTasks('Racing revisions');
    const seen = new Map<string, number[]>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const t of tasks) {
          const stored = await task(t.id);
          seen.set(t.id, [...(seen.get(t.id) ?? []), stored!.latestRevision]);
        }
      }
    })();
    const acknowledged = new Map<string, number[]>();
    await Promise.all(
      tasks.map(async (t, i) => {
        const chair = await h.chair(t.groupKey);
        const posts = [0, 1, 2, 3, 4].map((n) => pause(n * 3).then(() => chair.post(`/api/tasks/${t.id}/submissions`).send(reportFor(t.groupKey, n))));
        const [answers] = await Promise.all([Promise.all(posts), pause(i % 10).then(() => deadlines.remind(timerJob(t, 'reminder', 2)))]);
        for (const a of answers) expect(a.status).toBe(201);
        acknowledged.set(
          t.id,
          answers.map((a) => a.body.submission.revision),
        );
      }),
    );
    sampling = false;
    await sampler;
    for (const t of tasks) {
      const revisions = acknowledged.get(t.id)!;
      expect([...revisions].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
      const stored = await task(t.id);
      expect({ status: stored!.status, latestRevision: stored!.latestRevision, late: stored!.late }).toEqual({
        status: 'submitted',
        latestRevision: 5,
        late: false,
      });
      const samples = [...(seen.get(t.id) ?? []), stored!.latestRevision];
      for (let k = 1; k < samples.length; k++) expect(samples[k]).toBeGreaterThanOrEqual(samples[k - 1]);
      expect(await h.db.collection('submissions').countDocuments({ taskId: t.id })).toBe(5);
    }
  });
});
