import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';

/**
 * Reminders, overdue, escalation, extension, revisions and late submissions, driven over
 * HTTP against the real worker, Redis and MongoDB-wire server. One simulated day = 20 ms.
 */
describe('deadlines (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 20 });
  beforeAll(async () => {
    await h.start();
    // Chairs registered up front, so each test's timing window holds only the actions it is about.
    for (const g of ['education', 'security']) await h.chair(g);
  }, 60_000);
  afterAll(() => h.stop(), 60_000);

  async function startCycle(body: object): Promise<string> {
    const res = await h.http.post('/api/cycles').send(body).expect(201);
    return res.body.id;
  }

  async function tasksOf(cycleId: string): Promise<any[]> {
    return h.waitFor('tasks requested', async () => {
      const res = await h.http.get(`/api/cycles/${cycleId}/tasks`).expect(200);
      return res.body.length > 0 && res.body;
    });
  }

  it('suppresses reminders and escalation once a task is submitted in time', async () => {
    const cycleId = await startCycle(shortCycle(h, { name: 'Suppression', groups: ['education', 'sport'] }));
    const tasks = await tasksOf(cycleId);
    const education = tasks.find((t) => t.groupKey === 'education');
    await (await h.chair('education')).post(`/api/tasks/${education.id}/submissions`).send(reportFor('education')).expect(201);

    // Wait until the other group's task has been escalated to level 2 (long after every timer of education).
    await h.waitFor('sport escalated to level 2', async () => {
      const t = (await h.http.get(`/api/cycles/${cycleId}/tasks?group=sport`)).body[0];
      return t.escalationLevel === 2;
    });
    const view = (await h.http.get(`/api/tasks/${education.id}`).expect(200)).body;
    expect(view.task.status).toBe('submitted');
    expect(view.task.late).toBe(false);
    const types = view.timeline.map((e: any) => e.type);
    expect(types).toContain('task.requested');
    expect(types).toContain('submission.received');
    expect(types).not.toContain('task.reminded');
    expect(types).not.toContain('task.overdue');
    expect(types).not.toContain('task.escalated');

    const sport = (await h.http.get(`/api/cycles/${cycleId}/tasks?group=sport`)).body[0];
    const sportTypes = (await h.http.get(`/api/tasks/${sport.id}`)).body.timeline.map((e: any) => e.type);
    expect(sportTypes.filter((t: string) => t === 'task.reminded')).toHaveLength(2);
  });

  it('escalates an unsubmitted task to the chair at the due date and to the committee 7 days later', async () => {
    const cycleId = await startCycle(shortCycle(h, { name: 'Escalation', groups: ['security'] }));
    const [task] = await tasksOf(cycleId);
    const escalations = await h.waitFor('two escalations', async () => {
      const ev = await h.events(cycleId, 'task.escalated');
      return ev.length >= 2 && ev;
    });
    expect(escalations.map((e) => [e.data.level, e.data.target])).toEqual([
      [1, 'chair'],
      [2, 'committee'],
    ]);
    const due = new Date(task.dueAt).getTime();
    const day = 86_400_000;
    // Level 1 is scheduled for the due date, level 2 a week later, and neither fires early
    // (how late a job runs depends on the machine's load, so only "not early" is asserted).
    expect(new Date(escalations[0].data.scheduledFor).getTime()).toBe(due);
    expect(new Date(escalations[1].data.scheduledFor).getTime()).toBe(due + 7 * day);
    expect(new Date(escalations[0].at).getTime()).toBeGreaterThanOrEqual(due);
    expect(new Date(escalations[1].at).getTime()).toBeGreaterThanOrEqual(due + 7 * day);

    // Level 1 is an e-mail to the chair; level 2 reaches the committee in the cycle's summary.
    const notified = await h.events(cycleId, 'notification.queued');
    const level1 = notified.find((n) => n.data.kind === 'escalated' && n.data.level === 1);
    expect(level1.data.to).toEqual(['chair.security@pact.example.eu']);
    // Queued right after the escalation's event: wait for it rather than race it.
    const level2 = await h.waitFor('level-2 notification', async () =>
      (await h.events(cycleId, 'notification.queued')).find((n) => n.data.kind === 'escalated' && n.data.level === 2),
    );
    expect(level2.data.to).toEqual([]);
    const summary = await h.waitFor('committee summary', async () =>
      (await h.events(cycleId, 'notification.queued')).find((n) => n.data.kind === 'escalation-summary'),
    );
    expect(summary.data.to).toEqual(['steering-committee@pact.example.eu']);

    const view = (await h.http.get(`/api/tasks/${task.id}`)).body;
    expect(view.task.status).toBe('overdue');
    expect(view.task.escalationLevel).toBe(2);
    // A late submission is accepted and marked late.
    const res = await (await h.chair('security')).post(`/api/tasks/${task.id}/submissions`).send(reportFor('security')).expect(201);
    expect(res.body.submission.late).toBe(true);
    expect(res.body.task.status).toBe('submitted');
    expect(res.body.task.late).toBe(true);
  });

  it('an extension moves every pending timer of the task to the new due date', async () => {
    const cycleId = await startCycle(
      // The old date's first reminder is 186 cycle days (about 4 s) after the request: the extension comes well before it, also on a loaded machine.
      shortCycle(h, { name: 'Extension', groups: ['public-relations-media'], dueAfterDays: 200, compileAfterDays: 400, lengthMonths: 24 }),
    );
    const [task] = await tasksOf(cycleId);
    const oldDue = new Date(task.dueAt);
    const newDue = new Date(oldDue.getTime() + 60 * 86_400_000);
    const ext = await h.http
      .post(`/api/tasks/${task.id}/extensions`)
      .send({ dueAt: newDue.toISOString(), reason: 'Regional elections in the chair’s city' })
      .expect(201);
    expect(ext.body.dueVersion).toBe(1);
    expect(new Date(ext.body.dueAt).toISOString()).toBe(newDue.toISOString());

    await h.waitFor('escalation after the new due date', async () => (await h.events(cycleId, 'task.escalated')).length >= 1);
    const overdue = await h.events(cycleId, 'task.overdue');
    expect(overdue).toHaveLength(1);
    // Nothing fired at the old due date: overdue and escalation happen at the new one.
    expect(new Date(overdue[0].data.scheduledFor).toISOString()).toBe(newDue.toISOString());
    expect(new Date(overdue[0].at).getTime()).toBeGreaterThanOrEqual(newDue.getTime());
    const reminders = await h.events(cycleId, 'task.reminded');
    expect(reminders.length).toBeGreaterThanOrEqual(2);
    for (const r of reminders) expect(new Date(r.data.dueAt).toISOString()).toBe(newDue.toISOString());
    const extended = await h.events(cycleId, 'task.extended');
    expect(extended).toHaveLength(1);
    expect(extended[0].actor).toBe('committee:committee@test.example.org');
    expect(extended[0].data.reason).toMatch(/elections/);
  });

  it('numbers revisions and keeps every one of them', async () => {
    const cycleId = await startCycle(shortCycle(h, { name: 'Revisions', groups: ['education', 'labour-market'] }));
    const tasks = await tasksOf(cycleId);
    const t = tasks.find((x) => x.groupKey === 'education');
    const chair = await h.chair('education');
    const r1 = await chair.post(`/api/tasks/${t.id}/submissions`).send(reportFor('education', 0)).expect(201);
    const r2 = await chair.post(`/api/tasks/${t.id}/submissions`).send(reportFor('education', 1)).expect(201);
    const [r3, r4] = await Promise.all([
      chair.post(`/api/tasks/${t.id}/submissions`).send(reportFor('education', 2)),
      chair.post(`/api/tasks/${t.id}/submissions`).send(reportFor('education', 3)),
    ]);
    expect([r1.body.submission.revision, r2.body.submission.revision]).toEqual([1, 2]);
    expect([r3.body.submission.revision, r4.body.submission.revision].sort()).toEqual([3, 4]);
    const view = (await h.http.get(`/api/tasks/${t.id}`).expect(200)).body;
    expect(view.revisions.map((r: any) => r.revision)).toEqual([1, 2, 3, 4]);
    expect(view.task.latestRevision).toBe(4);
    expect(view.revisions[0].content.measures[0].status).toBe('in-progress');
    expect(view.revisions[1].content.measures[0].status).toBe('implemented');
  });
});
