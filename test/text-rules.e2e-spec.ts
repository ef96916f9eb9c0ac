import { ExtensionRequestService } from '@pact/engine';
import { MailSink } from '../apps/demo/src/delivery-sinks';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';
import { csrfOf, signInOverHttp } from './support/web';

/**
 * One rule for what people's texts may hold (libs/domain/src/texts/text-rules.ts), applied by the
 * API's DTOs and by the engine for every free text, so a page (which goes through the services,
 * not the DTOs) cannot store what the API refuses. Every free-text field of the API, with a NUL,
 * an escape and a right-to-left override: 400 naming the field and the character, nothing stored.
 */
describe('control characters in texts (e2e)', () => {
  const sink = new MailSink();
  let h: EngineHarness;
  let cycleId: string;
  let taskId: string;
  let requestId: string;
  /** A task without a request for more time: the form is open. */
  let freeTask: { id: string; dueAt: string };
  const BAD = [
    ['NUL', 'Elections\u0000 in May'],
    ['escape', 'Elections \u001b[2J in May'],
    ['right-to-left override', 'Elections \u202eyaM ni'],
  ] as const;

  beforeAll(async () => {
    await sink.start();
    h = new EngineHarness({ msPerDay: 1000, env: { ...sink.env() } });
    await h.start();
    const res = await h.http
      .post('/api/cycles')
      .send(
        shortCycle(h, {
          name: 'Texts',
          groups: ['education'],
          requestInDays: 0.001,
          dueAfterDays: 300,
          compileAfterDays: 400,
          lengthMonths: 24,
          reminders: [],
        }),
      )
      .expect(201);
    cycleId = res.body.id;
    await h.waitFor('milestone requested', async () => (await h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested');
    taskId = (await h.http.get(`/api/cycles/${cycleId}/tasks`)).body[0].id;
    const chair = await h.chair('education');
    const proposed = h.daysFromNow(310).toISOString();
    requestId = (await chair.post(`/api/tasks/${taskId}/extension-requests`).send({ proposedDueAt: proposed, reason: 'Council elections' }).expect(201)).body
      .id;
    const other = await h.http
      .post('/api/cycles')
      .send(
        shortCycle(h, { name: 'Form', groups: ['education'], requestInDays: 0.001, dueAfterDays: 300, compileAfterDays: 400, lengthMonths: 24, reminders: [] }),
      )
      .expect(201);
    await h.waitFor(
      'its milestone requested',
      async () => (await h.http.get(`/api/cycles/${other.body.id}`)).body.progress.milestones[0].status === 'requested',
    );
    [freeTask] = (await h.http.get(`/api/cycles/${other.body.id}/tasks`)).body;
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
    await sink.stop();
  }, 60_000);

  async function snapshot() {
    const out: Record<string, unknown> = {};
    for (const n of ['cycles', 'tasks', 'submissions', 'working_groups', 'users'])
      out[n] = await h.db
        .collection(n)
        .find({}, { projection: { recordedAt: 0 } })
        .sort({ _id: 1 })
        .toArray();
    return JSON.stringify(out);
  }

  const report = (change: (r: ReturnType<typeof reportFor>) => void) => {
    const r = reportFor('education');
    change(r);
    return r;
  };

  type Field = { field: string; who: 'committee' | 'chair'; method: 'post' | 'patch'; path: () => string; body: (text: string) => object; mentions: RegExp };
  const fields: Field[] = [
    {
      field: 'a request for more time',
      who: 'chair',
      method: 'post',
      path: () => `/api/tasks/${taskId}/extension-requests`,
      body: (reason) => ({ proposedDueAt: h.daysFromNow(320).toISOString(), reason }),
      mentions: /reason/,
    },
    {
      field: 'a decision on it',
      who: 'committee',
      method: 'post',
      path: () => `/api/tasks/${taskId}/extension-requests/${requestId}/decision`,
      body: (reason) => ({ grant: false, reason }),
      mentions: /reason/,
    },
    {
      field: "the committee's extension",
      who: 'committee',
      method: 'post',
      path: () => `/api/tasks/${taskId}/extensions`,
      body: (reason) => ({ dueAt: h.daysFromNow(330).toISOString(), reason }),
      mentions: /reason/,
    },
    {
      field: 'a cancellation',
      who: 'committee',
      method: 'post',
      path: () => `/api/cycles/${cycleId}/cancel`,
      body: (reason) => ({ reason }),
      mentions: /reason/,
    },
    {
      field: "a cycle's name",
      who: 'committee',
      method: 'post',
      path: () => '/api/cycles',
      body: (name) => ({ ...shortCycle(h, { groups: ['sport'] }), name }),
      mentions: /name/,
    },
    {
      field: "a milestone's title",
      who: 'committee',
      method: 'post',
      path: () => '/api/cycles',
      body: (title) => {
        const c = shortCycle(h, { groups: ['sport'] });
        return { ...c, milestones: [{ ...c.milestones[0], title }] };
      },
      mentions: /milestones\.0\.title/,
    },
    { field: "a group's goal", who: 'committee', method: 'patch', path: () => '/api/working-groups/sport', body: (goal) => ({ goal }), mentions: /goal/ },
    {
      field: "a chair's name",
      who: 'committee',
      method: 'patch',
      path: () => '/api/working-groups/sport',
      body: (name) => ({ chair: { name, email: 'new.chair@test.example.org' } }),
      mentions: /chair\.name/,
    },
    {
      field: "a person's name",
      who: 'committee',
      method: 'post',
      path: () => '/api/users',
      body: (name) => ({ name, email: 'someone.new@test.example.org', roles: ['operator'] }),
      mentions: /name/,
    },
    {
      field: "a measure's title",
      who: 'chair',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: (t) => report((r) => (r.measures[0].title = t)),
      mentions: /measures\.0\.title/,
    },
    {
      field: "a measure's description",
      who: 'chair',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: (t) => report((r) => ((r.measures[0] as { description?: string }).description = t)),
      mentions: /measures\.0\.description/,
    },
    {
      field: "an indicator's name",
      who: 'chair',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: (t) => report((r) => (r.indicators[0].name = t)),
      mentions: /indicators\.0\.name/,
    },
    {
      field: "an indicator's unit",
      who: 'chair',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: (t) => report((r) => (r.indicators[0].unit = t)),
      mentions: /indicators\.0\.unit/,
    },
    {
      field: 'a good practice',
      who: 'chair',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: (t) => report((r) => (r.goodPractices = [t])),
      mentions: /goodPractices/,
    },
    {
      field: 'an obstacle',
      who: 'chair',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: (t) => report((r) => (r.obstacles = [t])),
      mentions: /obstacles/,
    },
    {
      field: 'a recommendation',
      who: 'chair',
      method: 'post',
      path: () => `/api/tasks/${taskId}/submissions`,
      body: (t) => report((r) => (r.recommendations = [t])),
      mentions: /recommendations/,
    },
  ];

  it.each(fields.flatMap((f) => BAD.map(([what, text]) => [f.field, what, f, text] as const)))(
    '%s with %s: 400 naming the field and the character, nothing stored',
    async (_f, _what, f, text) => {
      const agent = f.who === 'chair' ? await h.chair('education') : h.http;
      const before = await snapshot();
      const res = await agent[f.method](f.path()).send(f.body(text));
      expect(res.status).toBe(400);
      const said = [res.body.message].flat().join(' ');
      expect(said).toMatch(f.mentions);
      expect(said).toMatch(/U\+(0000|001B|202E)/);
      expect(await snapshot()).toBe(before);
    },
  );

  it('the engine refuses what the pages send it as the API does: a request for more time through the service', async () => {
    const requests = h.api.get(ExtensionRequestService);
    await expect(requests.request(freeTask.id, h.daysFromNow(320), 'Council \u001b elections', 'chair:x')).rejects.toMatchObject({
      kind: 'invalid',
      problems: [{ path: 'reason', rule: 'text-characters' }],
    });
  });

  it('the chair’s page "ask for more time" (no JavaScript) says which character, beside the field and in the summary, and stores nothing', async () => {
    const task = freeTask;
    const chair = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    const form = await chair.get(`/tasks/${task.id}/extension`).expect(200);
    const due = new Date(task.dueAt);
    const later = new Date(due.getTime() + 20 * 86_400_000);
    const before = await snapshot();
    const page = await chair
      .post(`/tasks/${task.id}/extension`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        'proposedDueAt-day': String(later.getUTCDate()),
        'proposedDueAt-month': String(later.getUTCMonth() + 1),
        'proposedDueAt-year': String(later.getUTCFullYear()),
        reason: 'Council \u202eelections',
      });
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/<a href="#reason">Remove the character U\+202E \(at position 9\)[^<]*<\/a>/);
    expect(page.text).toMatch(/id="reason-error"[\s\S]{0,200}Remove the character U\+202E/);
    expect(await snapshot()).toBe(before);
  });
});
