import type { SubmissionContent } from '@pact/domain';
import { DeadlineService, NotificationService, SubmissionService } from '@pact/engine';
import { EventRepository } from '@pact/persistence';
import { ObjectId } from 'mongodb';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

/**
 * An effect and the intent to do its follow-ups are recorded together, so a process that dies
 * between them, or a job lost with Redis after the effect, leaves nothing half done: the
 * reconciler's sweep writes the missing event and plans the missing notification. The crash is
 * simulated in the API process by making one write fail right after the effect (the worker's
 * reconciler, in the same harness, does the sweep); the job is never retried, as when lost.
 */
describe('follow-ups survive a crash after the effect (e2e)', () => {
  // A day is 2 s: no timer of these cycles fires by itself; the effects below are applied by hand.
  const h = new EngineHarness({ msPerDay: 2000, reconcileEveryMs: 300 });
  let deadlines: DeadlineService;
  let submissions: SubmissionService;
  let events: EventRepository;
  let notifications: NotificationService;
  let tasks: { id: string; groupKey: string; cycleId: string; dueAt: string }[];

  beforeAll(async () => {
    await h.start();
    deadlines = h.api.get(DeadlineService);
    submissions = h.api.get(SubmissionService);
    events = h.api.get(EventRepository, { strict: false });
    notifications = h.api.get(NotificationService, { strict: false });
    const groups = ['education', 'sport', 'security', 'labour-market'];
    const res = await h.http
      .post('/api/cycles')
      .send(shortCycle(h, { name: 'Crash after the effect', groups, dueAfterDays: 200, compileAfterDays: 300 }))
      .expect(201);
    await h.waitFor('fan-out', async () => (await h.http.get(`/api/cycles/${res.body.id}`)).body.progress.milestones[0].status === 'requested', 60_000);
    tasks = (await h.http.get(`/api/cycles/${res.body.id}/tasks`)).body.map((t: any) => ({
      id: t.id,
      groupKey: t.groupKey,
      cycleId: res.body.id,
      dueAt: t.dueAt,
    }));
  }, 120_000);
  afterAll(() => h.stop(), 60_000);

  const taskOf = (group: string) => tasks.find((t) => t.groupKey === group)!;
  const stored = (id: string) => h.db.collection('tasks').findOne({ _id: new ObjectId(id) });
  const eventsOf = (taskId: string, type: string) => h.db.collection('events').find({ taskId, type }).toArray();
  const deliveriesOf = (taskId: string, kind: string) => h.db.collection('deliveries').find({ taskId, kind }).toArray();

  /** Runs `effect` with `target` failing once for calls that `when` picks: the process "dies" there. */
  async function crashing<T extends object, K extends keyof T>(target: T, method: K, when: (...args: any[]) => boolean, effect: () => Promise<unknown>) {
    const original = target[method] as unknown as (...args: any[]) => Promise<unknown>;
    let crashed = false;
    (target as any)[method] = async (...args: any[]) => {
      if (!crashed && when(...args)) {
        crashed = true;
        throw new Error('simulated crash');
      }
      return original.apply(target, args);
    };
    try {
      await expect(effect()).rejects.toThrow('simulated crash');
    } finally {
      (target as any)[method] = original;
    }
    expect(crashed).toBe(true);
  }

  const reminderJob = (t: (typeof tasks)[number]) => ({
    taskId: t.id,
    cycleId: t.cycleId,
    dueVersion: 0,
    timerKey: `reminder-${t.id}-v0-1`,
    index: 1,
    fireAt: t.dueAt,
  });

  it('a reminder applied and sent but never recorded gets its event, and its e-mail once', async () => {
    const t = taskOf('education');
    await crashing(
      events,
      'append',
      (e) => e.type === 'task.reminded',
      () => deadlines.remind(reminderJob(t)),
    );
    const after = await stored(t.id);
    expect(after!.firedTimers).toContain(`reminder-${t.id}-v0-1`);
    const [event] = await h.waitFor('the reminder event', async () => {
      const found = await eventsOf(t.id, 'task.reminded');
      return found.length > 0 && found;
    });
    expect(event.data).toMatchObject({ reminder: 1 });
    const mail = await h.waitFor('the reminder e-mail', async () => {
      const found = await deliveriesOf(t.id, 'reminder');
      return found.length > 0 && found;
    });
    expect(mail.map((d) => d.channel)).toEqual(['email']);
    await h.waitFor('the outbox emptied', async () => (await stored(t.id))!.outbox.length === 0);
    expect(await eventsOf(t.id, 'task.reminded')).toHaveLength(1);
    expect(await deliveriesOf(t.id, 'reminder')).toHaveLength(1);
  });

  it('a reminder whose notification was never planned is still sent, once, and recorded once it is', async () => {
    const t = taskOf('sport');
    await crashing(
      notifications,
      'send',
      (n) => n.kind === 'reminder',
      () => deadlines.remind(reminderJob(t)),
    );
    // The event log says what happened: nothing went out, so nothing is recorded yet; the
    // reminder's key in the outbox is what is owed.
    expect(await eventsOf(t.id, 'task.reminded')).toHaveLength(0);
    expect(await deliveriesOf(t.id, 'reminder')).toHaveLength(0);
    expect((await stored(t.id))!.outbox).toEqual([reminderJob(t).timerKey]);
    await h.waitFor('the reminder e-mail', async () => (await deliveriesOf(t.id, 'reminder')).length === 1);
    await h.waitFor('the outbox emptied', async () => (await stored(t.id))!.outbox.length === 0);
    expect(await eventsOf(t.id, 'task.reminded')).toHaveLength(1);
    expect(await deliveriesOf(t.id, 'reminder')).toHaveLength(1);
  });

  it('an extension granted but not announced: its event, the chair’s e-mail and the new timers follow', async () => {
    const t = taskOf('security');
    const newDue = h.daysFromNow(250);
    await crashing(
      events,
      'append',
      (e) => e.type === 'task.extended',
      () => deadlines.extend(t.id, newDue, 'Elections in the city council', 'committee:test'),
    );
    expect((await stored(t.id))!.dueVersion).toBe(1);
    const [event] = await h.waitFor('the extension event', async () => {
      const found = await eventsOf(t.id, 'task.extended');
      return found.length > 0 && found;
    });
    expect(event).toMatchObject({ actor: 'committee:test', data: { reason: 'Elections in the city council' } });
    await h.waitFor('the extension e-mail', async () => (await deliveriesOf(t.id, 'extended')).length === 1);
    await h.waitFor('a timer of the new due date', async () => h.redis.exists(`${h.prefix}:deadlines:overdue-${t.id}-v1`));
  });

  it('a revision stored and marked but not followed up gets its event, and compilation when all are in', async () => {
    // Everyone else is in first; the last revision's follow-ups (event, compile now) are interrupted.
    for (const g of ['education', 'sport', 'security']) {
      await (
        await h.chair(g)
      )
        .post(`/api/tasks/${taskOf(g).id}/submissions`)
        .send(reportFor(g))
        .expect(201);
    }
    const t = taskOf('labour-market');
    await crashing(
      events,
      'append',
      (e) => e.type === 'submission.received',
      () => submissions.submit(t.id, reportFor('labour-market') as SubmissionContent, 'chair:test'),
    );
    expect((await stored(t.id))!).toMatchObject({ status: 'submitted', latestRevision: 1 });
    const [event] = await h.waitFor('the submission event', async () => {
      const found = await eventsOf(t.id, 'submission.received');
      return found.length > 0 && found;
    });
    expect(event).toMatchObject({ actor: 'chair:test', data: { revision: 1 } });
    const report = await h.waitFor('the report compiled now that all are in', async () => {
      const r = await h.http.get(`/api/cycles/${t.cycleId}/report`);
      return r.status === 200 && r.body;
    });
    expect(report.coverage).toMatchObject({ total: 4, onTime: 4, missing: 0 });
  });
});
