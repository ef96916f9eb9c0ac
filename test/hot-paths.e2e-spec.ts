import { MailSink } from '../apps/demo/src/delivery-sinks';
import { CommandMonitor } from './support/command-monitor';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';
import { csrfOf, signInOverHttp } from './support/web';

/**
 * Hot paths read and write by key (issue 20, DESIGN.md "Scale"): whatever a person or a timer
 * triggers must cost the same in year ten as in year one, and FerretDB 1.24 on SQLite finds
 * documents by `_id` only; any other filter decodes the whole collection. A command monitor on
 * the API's and the worker's driver records every command of each hot path below, driven over
 * HTTP and by real timers, and the test fails on a filter that is not a key.
 *
 * KNOWN_SCANS lists what is still a scan, each with where it comes from: the list may only
 * shrink. An entry the run no longer sees fails too, so a fixed path leaves the list.
 */
const KNOWN_SCANS: Record<string, string> = {
  // The task: its page, the API's view, the report form, the draft.
  'events find {taskId}': 'EventRepository.listByTask: a task’s timeline',
  'cycles find {start}': 'PreviousReportQuery: the cycles started before this one (what a draft can start from)',
  // Notifications (reminders, escalations, extensions, requests for more time).
  'webhook_subscriptions find {status}': 'NotificationService: the active webhook subscriptions',
  // Guarded single-document updates (the rule that makes at-least-once jobs act once): `_id` with
  // a guard beside it. Unpatched FerretDB 1.24 on SQLite reads the whole collection for them (it
  // pushes down `{ _id }` alone); the embedded database's patch (tools/ferretdb/patches) pushes
  // the `_id` down whatever stands beside it, and MongoDB 7 and FerretDB on PostgreSQL serve them
  // by index. They stay listed: the engine's filter is not a bare key.
  'tasks findAndModify {_id,dueVersion,pendingExtensionRequestId,status}': 'TaskRepository.markSubmitted, the first revision',
  'tasks findAndModify {_id,pendingExtensionRequestId,status}': 'TaskRepository.addExtensionRequest, refuseExtensionRequest',
  'tasks findAndModify {_id,dueVersion,firedTimers,status}': 'TaskRepository.recordReminder',
  'tasks findAndModify {_id,dueVersion,status}': 'TaskRepository.markOverdue, extend',
  'tasks findAndModify {_id,dueVersion,escalationLevel,status}': 'TaskRepository.escalate',
  'drafts findAndModify {_id,version}': 'DraftRepository.save, guarded by the version read',
  'deliveries find {_id,status}': 'DeliveryRepository: a delivery still to attempt',
  'deliveries findAndModify {_id,attemptCount,status}': 'DeliveryRepository.recordAttempt, guarded by the attempt count',
  // The committee's summary of level-2 escalations (one job per cycle).
  'tasks aggregate {cycleId,dueAt,escalationLevel,status}': 'TaskRepository.countEscalationsOwed: escalations of the cycle still in flight',
  'tasks update {cycleId,escalationLevel,status,summaryRun}': 'TaskRepository.claimForSummary: claims the cycle’s unreported escalations',
  'tasks find {cycleId,summaryRun}': 'TaskRepository.claimForSummary: reads the claim back',
  'tasks find {cycleId,status}': 'TaskRepository.listOverdue: everything overdue in the cycle, for the summary',
};

describe('hot paths read and write by key (e2e)', () => {
  const sink = new MailSink();
  const monitor = new CommandMonitor();
  let h: EngineHarness;

  beforeAll(async () => {
    await sink.start();
    h = new EngineHarness({
      msPerDay: 100,
      mongoUri: () => CommandMonitor.uri(process.env.MONGODB_URI!),
      // Batch work (the reconciler's sweep) and the watchdog's probe stay out of the steps: they run at start only.
      reconcileEveryMs: 600_000,
      env: { ...sink.env(), MONGODB_WATCHDOG_EVERY_MS: '600000' },
    });
    await h.start();
    monitor.attach(h.api);
    monitor.attach(h.worker!);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await sink.stop();
  }, 60_000);

  async function tasksOf(cycleId: string): Promise<any[]> {
    return h.waitFor('tasks requested', async () => {
      const res = await h.http.get(`/api/cycles/${cycleId}/tasks`).expect(200);
      return res.body.length > 1 && res.body;
    });
  }

  it('a chair’s and the timers’ requests use no filter but a key', async () => {
    // Setup (not watched): a cycle whose due dates are far off, so no timer fires during the chair's steps.
    const chairToken = await h.tokenFor(['chair'], ['education']);
    const chairApi = h.agent(chairToken);
    const quiet = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Chair steps',
            groups: ['education', 'sport', 'security'],
            requestInDays: 0.01,
            dueAfterDays: 600,
            compileAfterDays: 700,
            lengthMonths: 24,
            reminders: [],
          }),
        )
        .expect(201)
    ).body.id;
    const tasks = await tasksOf(quiet);
    const education = tasks.find((t) => t.groupKey === 'education');
    const chair = await signInOverHttp(h, sink, 'chair.education@test.example.org');

    await monitor.during('task (API)', () => chairApi.get(`/api/tasks/${education.id}`).expect(200));
    await monitor.during('my tasks (API)', () => chairApi.get('/api/me/tasks').expect(200));
    await monitor.during('my tasks (page)', () => chair.get('/my-tasks').expect(200));
    await monitor.during('task page', () => chair.get(`/tasks/${education.id}`).expect(200));
    const form = await monitor.during('report form', () => chair.get(`/tasks/${education.id}/report`).expect(200));
    await monitor.during('draft save', () =>
      chair
        .post(`/tasks/${education.id}/report`)
        .type('form')
        .send({ _csrf: csrfOf(form.text), draftVersion: '0', 'measures-0-title': 'A first measure', action: 'save' })
        .expect(303),
    );
    const again = await chair.get(`/tasks/${education.id}/report`).expect(200);
    await monitor.during('draft saved again', () =>
      chair
        .post(`/tasks/${education.id}/report`)
        .type('form')
        .send({ _csrf: csrfOf(again.text), draftVersion: '1', 'measures-0-title': 'A first measure, again', action: 'save' })
        .expect(303),
    );
    await monitor.during('submission', () => chairApi.post(`/api/tasks/${education.id}/submissions`).send(reportFor('education')).expect(201));
    await monitor.during('revision', () => chairApi.post(`/api/tasks/${education.id}/submissions`).send(reportFor('education', 1)).expect(201));
    await monitor.during('task with revisions (API)', () => chairApi.get(`/api/tasks/${education.id}`).expect(200));
    // The revisions' observations (written above, by key) read back: a series and a period's peers.
    await monitor.during('indicator series (API)', () =>
      chairApi.get('/api/indicators/education.early-school-leavers/series?participant=education').expect(200),
    );
    await monitor.during('indicator peers (API)', () => h.http.get(`/api/indicators/education.early-school-leavers/peers?period=${quiet}-final`).expect(200));

    const sport = tasks.find((t) => t.groupKey === 'sport');
    const sportChair = h.agent(await h.tokenFor(['chair'], ['sport']));
    const asked = await monitor.during('extension request', () =>
      sportChair
        .post(`/api/tasks/${sport.id}/extension-requests`)
        .send({ proposedDueAt: new Date(new Date(sport.dueAt).getTime() + 10 * 86_400_000).toISOString(), reason: 'Regional elections in the chair’s city' })
        .expect(201),
    );
    await monitor.during('extension request decided', () =>
      h.http
        .post(`/api/tasks/${sport.id}/extension-requests/${asked.body.id}/decision`)
        .send({ grant: false, reason: 'The date stands for every group' })
        .expect(200),
    );

    // The timers: reminders, overdue, both escalations and the committee's summary, as the worker runs them.
    const timed = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Timers', groups: ['labour-market', 'migrant-families'], requestInDays: 0.01, dueAfterDays: 40, reminders: [20, 10] }))
        .expect(201)
    ).body.id;
    const timedTasks = await tasksOf(timed);
    await monitor.during('timers', () =>
      h.waitFor('the committee summary', async () => (await h.events(timed, 'notification.queued')).find((n) => n.data.kind === 'escalation-summary'), 60_000),
    );
    await monitor.during('extension', () =>
      h.http
        .post(`/api/tasks/${timedTasks[0].id}/extensions`)
        .send({ dueAt: new Date(new Date(timedTasks[0].dueAt).getTime() + 50 * 86_400_000).toISOString(), reason: 'More time for the chair' })
        .expect(201),
    );

    const seen = monitor.shapes();
    const report = [...seen].map(([shape, steps]) => `${shape}  (${[...steps].join(', ')})`).sort();
    const unknown = [...seen.keys()].filter((s) => !(s in KNOWN_SCANS));
    const fixed = Object.keys(KNOWN_SCANS).filter((s) => !seen.has(s));
    expect({ unknown: unknown.map((s) => report.find((r) => r.startsWith(s))), fixed }).toEqual({ unknown: [], fixed: [] });
  });
});
