import { addCalendarDays, calendarDayOf, dayIn, dayText, dueOnDay, startOfDay } from '@pact/domain';
import { EngineHarness } from './support/engine-harness';

/**
 * Dates typed as days over HTTP (issue 17, point 2): a cycle's start is 00:00 and its due dates
 * 23:59:59 on the programme's (Brussels) calendar; a task's new due day ends on its chair's clock;
 * a timestamp is kept as given; anything else is a 400 naming the field.
 */
describe('dates typed as days (e2e)', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = new EngineHarness({ msPerDay: 2000 });
    await h.start();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  }, 60_000);

  it('POST /api/cycles with days: the start at 00:00, a due day at 23:59:59 in Brussels; a timestamp kept', async () => {
    const today = dayIn(h.daysFromNow(0), 'Europe/Brussels');
    const start = dayText(today);
    const due = dayText(addCalendarDays(today, 20));
    const kept = h.daysFromNow(40).toISOString();
    const res = await h.http
      .post('/api/cycles')
      .send({
        name: 'Days',
        start,
        lengthMonths: 6,
        groups: ['public-relations-media'],
        milestones: [{ key: 'final', title: 'Report', kind: 'final', requestMonth: 0, dueAt: due, compileAt: kept }],
      })
      .expect(201);
    expect(res.body.start).toBe(startOfDay(today, 'Europe/Brussels').toISOString());
    expect(res.body.milestones[0]).toMatchObject({
      requestAt: startOfDay(today, 'Europe/Brussels').toISOString(),
      dueAt: dueOnDay(calendarDayOf(due)!, 'Europe/Brussels').toISOString(),
      compileAt: kept,
    });

    // The chair of media work (Europe/Dublin) asks for a day: the end of that day on the chair's clock.
    const task = await h.waitFor('the request', async () => (await h.http.get(`/api/cycles/${res.body.id}/tasks`).expect(200)).body[0]);
    const asked = dayText(addCalendarDays(today, 30));
    const chair = await h.chair('public-relations-media');
    const request = (await chair.post(`/api/tasks/${task.id}/extension-requests`).send({ proposedDueAt: asked, reason: 'Summer break' }).expect(201)).body;
    expect(request.proposedDueAt).toBe(dueOnDay(calendarDayOf(asked)!, 'Europe/Dublin').toISOString());
    // The committee grants another day: again the end of that day in Dublin.
    const other = dayText(addCalendarDays(today, 31));
    const decided = (
      await h.http.post(`/api/tasks/${task.id}/extension-requests/${request.id}/decision`).send({ grant: true, dueAt: other, reason: 'Fine' }).expect(200)
    ).body;
    expect(decided.task.dueAt).toBe(dueOnDay(calendarDayOf(other)!, 'Europe/Dublin').toISOString());
    // An extension with a timestamp keeps it.
    const at = h.daysFromNow(35).toISOString();
    expect((await h.http.post(`/api/tasks/${task.id}/extensions`).send({ dueAt: at, reason: 'Later' }).expect(201)).body.dueAt).toBe(at);
  }, 60_000);

  it('refuses a date that is neither a day nor a timestamp with its offset, naming the field, and changes nothing', async () => {
    const before = (await h.http.get('/api/cycles').expect(200)).body.length;
    for (const [field, body] of [
      ['start', { name: 'Bad', start: '2031-02-30' }],
      ['start', { name: 'Bad', start: '2031-01-01T09:00:00' }],
      [
        'milestones.0.dueAt',
        { name: 'Bad', start: '2031-01-01', milestones: [{ key: 'final', title: 'R', kind: 'final', requestMonth: 1, dueAt: 'next week' }] },
      ],
    ] as const) {
      const res = await h.http.post('/api/cycles').send(body).expect(400);
      expect(JSON.stringify(res.body)).toContain(field.split('.').pop());
      expect(JSON.stringify(res.body)).toContain('must be a calendar day (YYYY-MM-DD) or a timestamp with its offset');
    }
    expect((await h.http.get('/api/cycles').expect(200)).body.length).toBe(before);
  });
});
