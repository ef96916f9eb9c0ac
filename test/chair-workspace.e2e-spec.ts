import { dueOnDay } from '@pact/domain';
import { ObjectId } from 'mongodb';
import type TestAgent from 'supertest/lib/agent';
import { MailSink } from '../apps/demo/src/delivery-sinks';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';
import { csrfOf, signInOverHttp } from './support/web';

/**
 * The chairs' workspace over HTTP, as a browser without JavaScript uses it, against the real API,
 * worker, MongoDB-wire server and SMTP: My tasks, the task page, the report form generated from
 * the template (drafts, add and remove rows), check your answers, submitting with the API's
 * rules, revisions and what changed, starting from earlier reports, asking for more time; access
 * (another group's task is 404) and CSRF on every form.
 */
describe('the chairs’ workspace over HTTP (e2e)', () => {
  const sink = new MailSink();
  let h: EngineHarness;
  let chair: TestAgent;
  let taskId: string;
  let sportTask: string;
  let earlierTask: string;
  const chairEmail = 'chair.education@test.example.org';

  const page = (res: { text: string }) => res.text;
  const draftDoc = () => h.db.collection('drafts').findOne({ taskId });
  const submissionsOf = (id: string) => h.db.collection('submissions').countDocuments({ taskId: id });
  /** Posts the report form as the browser would: the page's token and draft version, plus the fields. */
  async function postForm(agent: TestAgent, fields: Record<string, string>, path = `/tasks/${taskId}/report`) {
    const form = await agent.get(`/tasks/${taskId}/report`).expect(200);
    const version = /name="draftVersion" value="(\d+)"/.exec(form.text)![1];
    return agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(form.text), draftVersion: version, ...fields });
  }

  beforeAll(async () => {
    await sink.start();
    // One real second per cycle day and due dates far off: no timer fires while the tests run.
    h = new EngineHarness({ msPerDay: 1000, env: { ...sink.env() } });
    await h.start();
    await h.tokenFor(['chair'], ['education']);
    await h.tokenFor(['chair'], ['sport']);
    // An earlier cycle, where education reported: the report a new one can start from.
    const earlier = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Earlier cycle',
            groups: ['education'],
            requestInDays: 0.01,
            dueAfterDays: 300,
            compileAfterDays: 400,
            lengthMonths: 24,
            reminders: [],
          }),
        )
        .expect(201)
    ).body;
    const current = (
      await h.http
        .post('/api/cycles')
        .send(
          shortCycle(h, {
            name: 'Workspace cycle',
            groups: ['education', 'sport'],
            requestInDays: 0.5,
            dueAfterDays: 300,
            compileAfterDays: 400,
            lengthMonths: 24,
            reminders: [],
          }),
        )
        .expect(201)
    ).body;
    const tasksOf = (id: string, n: number) =>
      h.waitFor(`tasks of ${id}`, async () => {
        const r = (await h.http.get(`/api/cycles/${id}/tasks`)).body;
        return r.length === n && r;
      });
    earlierTask = (await tasksOf(earlier.id, 1))[0].id;
    await (await h.chair('education')).post(`/api/tasks/${earlierTask}/submissions`).send(reportFor('education')).expect(201);
    const tasks = await tasksOf(current.id, 2);
    taskId = tasks.find((t: any) => t.groupKey === 'education').id;
    sportTask = tasks.find((t: any) => t.groupKey === 'sport').id;
    chair = await signInOverHttp(h, sink, chairEmail);
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
    await sink.stop();
  }, 60_000);

  it('My tasks lists what waits, with due date, time left, escalation and last reminder; filters by state', async () => {
    const list = page(await chair.get('/my-tasks').expect(200));
    expect(list).toContain(`data-task="${taskId}"`);
    expect(list).toContain('href="/tasks/' + taskId + '"');
    expect(list).toContain('Workspace cycle');
    expect(list).toMatch(/<a href="\/my-tasks" aria-current="page">Waiting for you<\/a>/);
    const done = page(await chair.get('/my-tasks?show=done').expect(200));
    expect(done).toContain(`data-task="${earlierTask}"`);
    expect(done).not.toContain(`data-task="${taskId}"`);
    expect(done).toContain('Revision 1');
    expect(page(await chair.get('/my-tasks?show=overdue').expect(200))).toContain('No report request is overdue.');
    // An unknown filter shows the default one.
    expect(page(await chair.get('/my-tasks?show=%3Cscript%3E').expect(200))).toContain(`data-task="${taskId}"`);
  });

  it('the task page says what is asked and by when, and offers to start from last cycle’s report', async () => {
    const html = page(await chair.get(`/tasks/${taskId}`).expect(200));
    expect(html).toContain('<h1>Implementation report: Integration through education</h1>');
    expect(html).toContain('To provide every child and every young person a fair opportunity');
    expect(html).toContain('final implementation report');
    expect(html).toMatch(/<time datetime="[^"]+">[^<]+<\/time>/);
    expect(html).toContain(`href="/tasks/${taskId}/report">Start your report</a>`);
    expect(html).toContain('Start from your report for Implementation report in Earlier cycle (revision 1)');
    expect(html).toContain(`href="/tasks/${taskId}/extension">Ask for more time</a>`);
    expect(html).toContain('Nothing has been submitted yet.');
  });

  it('another group’s task is a 404 on every page; the committee reads the task but does not write its report (403)', async () => {
    const form = page(await chair.get(`/tasks/${taskId}/report`).expect(200));
    const token = csrfOf(form);
    for (const path of ['', '/report', '/check', '/extension', '/submitted?revision=1']) {
      const res = await chair.get(`/tasks/${sportTask}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.text).toContain('Page not found');
    }
    for (const path of ['/report', '/draft', '/submit', '/start-from', '/extension']) {
      const res = await chair
        .post(`/tasks/${sportTask}${path}`)
        .type('form')
        .send({ _csrf: token, draftVersion: '0', 'measures-0-title': 'Not mine', action: 'save', source: 'revision', reason: 'Not mine at all' });
      expect([path, res.status]).toEqual([path, 404]);
    }
    await chair.get('/tasks/65f1a2b3c4d5e6f708192a3b').expect(404);
    await chair.get('/tasks/not-an-id').expect(404);
    expect(await h.db.collection('drafts').countDocuments({ taskId: sportTask })).toBe(0);
    expect((await h.db.collection('tasks').findOne({ groupKey: 'sport' }))?.extensionRequests).toBeUndefined();

    const committee = await signInOverHttp(h, sink, 'committee@test.example.org');
    expect(page(await committee.get(`/tasks/${taskId}`).expect(200))).not.toContain('Start your report');
    await committee.get(`/tasks/${taskId}/report`).expect(403);
    await committee.get(`/tasks/${taskId}/extension`).expect(403);
  });

  it('every new form refuses a post without its CSRF token, and changes nothing', async () => {
    const other = await signInOverHttp(h, sink, chairEmail);
    const foreign = csrfOf(page(await other.get('/my-tasks').expect(200)));
    for (const path of ['/report', '/draft', '/submit', '/start-from', '/extension']) {
      for (const token of [undefined, foreign, 'x'.repeat(43)]) {
        const res = await chair
          .post(`/tasks/${taskId}${path}`)
          .type('form')
          .send({
            ...(token ? { _csrf: token } : {}),
            draftVersion: '0',
            'measures-0-title': 'Forged',
            action: 'save',
            source: 'previous-cycle',
            'proposedDueAt-day': '1',
            'proposedDueAt-month': '1',
            'proposedDueAt-year': '2031',
            reason: 'Forged request',
          });
        expect([path, token?.slice(0, 4), res.status]).toEqual([path, token?.slice(0, 4), 403]);
        expect(res.text).toContain('This form could not be sent');
      }
    }
    expect(await draftDoc()).toBeNull();
    expect(await submissionsOf(taskId)).toBe(0);
    expect((await h.db.collection('tasks').findOne({ _id: new ObjectId(taskId) }))?.extensionRequests).toBeUndefined();
  });

  it('without JavaScript: "Add another" and "Remove" save the draft and show the form again; the draft survives signing out', async () => {
    const added = await postForm(chair, {
      'measures-0-title': 'Language courses for parents',
      'measures-0-status': 'in-progress',
      'measures-0-description': '',
      'indicator-early-school-leavers-baseline': '14,2',
      action: 'add-measures',
    });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/tasks/${taskId}/report#measures-1-title`);
    let form = page(await chair.get(`/tasks/${taskId}/report`).expect(200));
    expect(form).toContain('value="Language courses for parents"');
    expect(form).toContain('id="measures-1-title"');
    expect(form).toContain('value="14,2"');
    expect(form).toMatch(/Draft last saved/);
    expect((await draftDoc())?.version).toBe(1);

    // Remove the blank second measure, add a good practice, then remove it again.
    expect(
      (
        await postForm(chair, {
          'measures-0-title': 'Language courses for parents',
          'measures-0-status': 'in-progress',
          'measures-1-title': '',
          action: 'remove-measures-1',
        })
      ).headers.location,
    ).toBe(`/tasks/${taskId}/report#measures`);
    expect(
      (
        await postForm(chair, {
          'measures-0-title': 'Language courses for parents',
          'measures-0-status': 'in-progress',
          'goodPractices-0': 'Parents as co-teachers',
          action: 'add-goodPractices',
        })
      ).headers.location,
    ).toBe(`/tasks/${taskId}/report#goodPractices-1`);
    form = page(await chair.get(`/tasks/${taskId}/report`).expect(200));
    expect(form).not.toContain('id="measures-1-title"');
    expect(form).toContain('id="goodPractices-1"');
    expect(
      (
        await postForm(chair, {
          'measures-0-title': 'Language courses for parents',
          'measures-0-status': 'in-progress',
          'goodPractices-0': 'Parents as co-teachers',
          'goodPractices-1': '',
          action: 'remove-goodPractices-1',
        })
      ).status,
    ).toBe(303);
    const saved = await postForm(chair, {
      'measures-0-title': 'Language courses for parents',
      'measures-0-status': 'in-progress',
      'goodPractices-0': 'Parents as co-teachers',
      'indicator-early-school-leavers-baseline': '14,2',
    });
    expect(saved.headers.location).toBe(`/tasks/${taskId}/report?saved=1`);
    expect(page(await chair.get(saved.headers.location).expect(200))).toContain('Your draft has been saved.');

    // Signing out and in again (a new session, as on another device): the draft is there.
    const signOut = page(await chair.get('/my-tasks').expect(200));
    await chair
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfOf(signOut) })
      .expect(303);
    await chair.get(`/tasks/${taskId}/report`).expect(303);
    chair = await signInOverHttp(h, sink, chairEmail);
    form = page(await chair.get(`/tasks/${taskId}/report`).expect(200));
    expect(form).toContain('value="Language courses for parents"');
    expect(form).toContain('>Parents as co-teachers</textarea>');
    expect(form).not.toContain('id="goodPractices-1"');
    expect(page(await chair.get(`/tasks/${taskId}`).expect(200))).toContain('You have a draft, last saved');
    expect(await submissionsOf(taskId)).toBe(0);
  });

  it('two windows: a stale draft version overwrites nothing, and the page says so, keeping what was typed', async () => {
    const before = await draftDoc();
    const form = page(await chair.get(`/tasks/${taskId}/report`).expect(200));
    const res = await chair
      .post(`/tasks/${taskId}/report`)
      .type('form')
      .send({ _csrf: csrfOf(form), draftVersion: String(before!.version - 1), 'measures-0-title': 'From an old window', action: 'save' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('This draft was changed in another window');
    expect(res.text).toContain('value="From an old window"');
    expect(res.text).toContain(`name="draftVersion" value="${before!.version}"`);
    const after = await draftDoc();
    expect(after!.version).toBe(before!.version);
    expect(after!.content.measures[0].title).toBe('Language courses for parents');
  });

  it('autosave answers in JSON with the new version and when it saved; a stale version is a 409', async () => {
    const form = page(await chair.get(`/tasks/${taskId}/report`).expect(200));
    expect(form).toContain('<script src="/assets/report-form.js" defer></script>');
    const v = Number(/name="draftVersion" value="(\d+)"/.exec(form)![1]);
    const fields = {
      _csrf: csrfOf(form),
      'measures-0-title': 'Language courses for parents',
      'measures-0-status': 'in-progress',
      'goodPractices-0': 'Parents as co-teachers',
      'obstacles-0': 'Short-term funding',
    };
    const ok = await chair
      .post(`/tasks/${taskId}/draft`)
      .type('form')
      .set('Accept', 'application/json')
      .send({ ...fields, draftVersion: String(v) })
      .expect(200);
    expect(ok.body).toMatchObject({ version: v + 1, message: expect.stringMatching(/^Draft last saved /) });
    const stale = await chair
      .post(`/tasks/${taskId}/draft`)
      .type('form')
      .send({ ...fields, draftVersion: String(v), 'obstacles-0': 'lost?' })
      .expect(409);
    expect(stale.body.message).toMatch(/changed in another window/);
    expect((await draftDoc())!.content.obstacles).toEqual(['Short-term funding']);
    // The site's script is served from this origin; the page's policy allows nothing else.
    expect((await chair.get('/assets/report-form.js').expect(200)).text).toContain('data-autosave');
    expect((await chair.get(`/tasks/${taskId}/report`)).headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('a draft keeps an answer longer than the template allows (to be shortened), but not one beyond any bound', async () => {
    const before = await draftDoc();
    const huge = await postForm(chair, {
      'measures-0-title': 'Language courses for parents',
      'measures-0-status': 'in-progress',
      'obstacles-0': 'x'.repeat(20_001),
      action: 'save',
    });
    expect(huge.status).toBe(400);
    expect(huge.text).toContain('<li><a href="#obstacles-0">Shorten obstacle 1 to 20,000 characters or fewer</a></li>');
    expect((await draftDoc())!.version).toBe(before!.version);
    const long = await postForm(chair, {
      'measures-0-title': 'Language courses for parents',
      'measures-0-status': 'in-progress',
      'obstacles-0': 'y'.repeat(4_001),
      action: 'continue',
    });
    expect(long.status).toBe(400);
    expect(long.text).toContain('<li><a href="#obstacles-0">Shorten obstacle 1 to 4,000 characters or fewer</a></li>');
    expect((await draftDoc())!.content.obstacles).toEqual(['y'.repeat(4_001)]);
  });

  it('submitting with errors: each error beside its field and in the summary, in the same words; nothing is stored', async () => {
    const res = await postForm(chair, {
      'measures-0-title': '',
      'measures-0-status': 'planned',
      'measures-1-title': 'Homework clubs',
      'measures-1-status': '',
      'indicator-early-school-leavers-baseline': '14,2',
      'indicator-early-school-leavers-target': 'ten',
      'custom-0-name': '',
      'custom-0-unit': 'people',
      'custom-0-baseline': '1',
      'custom-0-target': '2',
      'custom-0-actual': '3',
      'goodPractices-0': 'Parents as co-teachers',
      action: 'continue',
    });
    expect(res.status).toBe(400);
    const html = page(res);
    expect(html).toContain('<title>Error: Your report – Implementation report: Integration through education – Pact monitoring</title>');
    const expected: [string, string][] = [
      ['measures-0-title', 'Enter the title of measure 1'],
      ['measures-1-status', 'Choose the status of measure 2'],
      ['indicator-early-school-leavers-target', 'Enter the target of Early school leavers with a migrant background as a number, like 12.5'],
      ['indicator-early-school-leavers-actual', 'Enter the actual value of Early school leavers with a migrant background'],
    ];
    for (const [field, message] of expected) {
      expect(html).toContain(`<li><a href="#${field}">${message}</a></li>`);
      expect(html).toContain(`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${message}</p>`);
      expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-error"[^>]*aria-invalid="true"`));
    }
    // What was typed comes back as typed.
    expect(html).toContain('value="ten"');
    // The draft keeps it; no revision, the task untouched, no event.
    expect((await draftDoc())!.content.predefinedIndicators[0].target).toBe('ten');
    expect(await submissionsOf(taskId)).toBe(0);
    const task = await h.db.collection('tasks').findOne({ _id: new ObjectId(taskId) });
    expect(task).toMatchObject({ status: 'open', latestRevision: 0 });
    expect(await h.db.collection('events').countDocuments({ taskId, type: 'submission.received' })).toBe(0);

    // Posting the submission itself (skipping the check page) finds the same problems and stores nothing.
    const checkPage = await chair.get(`/tasks/${taskId}/check`).expect(200);
    expect(checkPage.text).toContain('There is a problem');
    const direct = await chair
      .post(`/tasks/${taskId}/submit`)
      .type('form')
      .send({ _csrf: csrfOf(checkPage.text), draftVersion: String((await draftDoc())!.version) });
    expect(direct.status).toBe(400);
    expect(direct.text).toContain('Enter the title of measure 1');
    expect(await submissionsOf(taskId)).toBe(0);

    // The second round: the template's own rule (an indicator of the group's own needs a name).
    const round2 = await postForm(chair, {
      'measures-0-title': 'Language courses for parents',
      'measures-0-status': 'planned',
      'indicator-early-school-leavers-baseline': '14,2',
      'indicator-early-school-leavers-target': '10',
      'indicator-early-school-leavers-actual': '12,9',
      'custom-0-name': '',
      'custom-0-unit': 'people',
      'custom-0-baseline': '1',
      'custom-0-target': '2',
      'custom-0-actual': '3',
      action: 'continue',
    });
    expect(round2.status).toBe(400);
    expect(round2.text).toContain('<li><a href="#custom-0-name">Enter the name of your indicator 1</a></li>');
    expect(await submissionsOf(taskId)).toBe(0);
  });

  it('a valid report: check your answers, submit, revision 1 with the draft cleared; the confirmation says what happens next', async () => {
    const cont = await postForm(chair, {
      'measures-0-title': 'Language courses for parents',
      'measures-0-status': 'in-progress',
      'measures-0-description': 'Twice a week',
      'indicator-early-school-leavers-baseline': '14,2',
      'indicator-early-school-leavers-target': '10',
      'indicator-early-school-leavers-actual': '12,9',
      'custom-0-name': 'Parents reached',
      'custom-0-unit': 'people',
      'custom-0-baseline': '0',
      'custom-0-target': '500',
      'custom-0-actual': '1 250',
      'goodPractices-0': 'Parents as co-teachers',
      'obstacles-0': 'Short-term funding',
      action: 'continue',
    });
    expect(cont.status).toBe(303);
    expect(cont.headers.location).toBe(`/tasks/${taskId}/check`);
    const check = page(await chair.get(`/tasks/${taskId}/check`).expect(200));
    expect(check).toContain('<h1>Check your answers before submitting</h1>');
    expect(check).toContain('<dt>Language courses for parents</dt>');
    expect(check).toContain('In progress');
    expect(check).toContain('Baseline 14.2, target 10, actual 12.9');
    expect(check).toContain('Baseline 0, target 500, actual 1,250');
    expect(check).toContain(`href="/tasks/${taskId}/report#measures-0-title"`);
    expect(check).toContain(`href="/tasks/${taskId}/report#custom-0-baseline"`);
    expect(check).toContain('This sends revision 1');

    const version = String((await draftDoc())!.version);
    // A stale check page (the draft changed since) submits nothing.
    await chair
      .post(`/tasks/${taskId}/submit`)
      .type('form')
      .send({ _csrf: csrfOf(check), draftVersion: String(Number(version) - 1) })
      .expect(409);
    expect(await submissionsOf(taskId)).toBe(0);
    const done = await chair
      .post(`/tasks/${taskId}/submit`)
      .type('form')
      .send({ _csrf: csrfOf(check), draftVersion: version })
      .expect(303);
    expect(done.headers.location).toBe(`/tasks/${taskId}/submitted?revision=1`);
    const confirmation = page(await chair.get(done.headers.location).expect(200));
    expect(confirmation).toContain('<h1 class="panel-title">Report submitted</h1>');
    expect(confirmation).toContain('Revision 1');
    expect(confirmation).toContain('What happens next');
    // Sport's report is still awaited: the compilation keeps its date.
    expect(confirmation).toContain('The steering committee compiles the implementation report on');
    // The earlier cycle's only report is in: compiled at once (being compiled, or compiled already).
    const earlierDone = page(await chair.get(`/tasks/${earlierTask}/submitted?revision=1`).expect(200));
    expect(earlierDone).toMatch(/is being compiled now, without waiting for|had been compiled already/);

    const revision = await h.db.collection('submissions').findOne({ taskId, revision: 1 });
    expect(revision!.content).toEqual({
      measures: [{ title: 'Language courses for parents', status: 'in-progress', description: 'Twice a week' }],
      indicators: [
        // A predefined indicator is stored with the template's name and unit, in every language.
        {
          key: 'early-school-leavers',
          name: expect.objectContaining({ en: 'Early school leavers with a migrant background', de: 'Frühe Schulabgänger mit Migrationshintergrund' }),
          unit: { en: '%', de: '%', fr: '%' },
          baseline: 14.2,
          target: 10,
          actual: 12.9,
        },
        { key: 'parents-reached', name: 'Parents reached', unit: 'people', baseline: 0, target: 500, actual: 1250 },
      ],
      goodPractices: ['Parents as co-teachers'],
      obstacles: ['Short-term funding'],
      recommendations: [],
    });
    expect(revision!.submittedBy).toBe(`chair:${chairEmail}`);
    expect((await draftDoc())!.content).toBeNull();
    const task = page(await chair.get(`/tasks/${taskId}`).expect(200));
    expect(task).toContain('<h3 class="revision-title">Revision 1</h3>');
    expect(task).toContain(`Submitted`);
    expect(task).toContain(chairEmail);
    expect(task).toContain('Measure added: Language courses for parents (In progress)');
    expect(task).toContain('Submit a new revision');
  });

  it('a second revision, started from the first: the history says what changed', async () => {
    const task = page(await chair.get(`/tasks/${taskId}`).expect(200));
    expect(task).toContain('Start from revision 1');
    await chair
      .post(`/tasks/${taskId}/start-from`)
      .type('form')
      .send({ _csrf: csrfOf(task), source: 'revision', draftVersion: /name="draftVersion" value="(\d+)"/.exec(task)![1] })
      .expect(303);
    const form = page(await chair.get(`/tasks/${taskId}/report`).expect(200));
    expect(form).toContain('value="Language courses for parents"');
    expect(form).toContain('value="1250"');
    expect(form).toContain('name="custom-0-key" value="parents-reached"');
    expect(page(await chair.get(`/tasks/${taskId}`).expect(200))).toContain('It started from revision 1.');

    await postForm(chair, {
      'measures-0-title': 'Language courses for parents',
      'measures-0-status': 'implemented',
      'measures-0-description': 'Twice a week',
      'indicator-early-school-leavers-baseline': '14.2',
      'indicator-early-school-leavers-target': '10',
      'indicator-early-school-leavers-actual': '11',
      'custom-0-key': 'parents-reached',
      'custom-0-name': 'Parents reached',
      'custom-0-unit': 'people',
      'custom-0-baseline': '0',
      'custom-0-target': '500',
      'custom-0-actual': '1250',
      'goodPractices-0': 'Parents as co-teachers',
      'recommendations-0': 'Pool budgets across levels',
      action: 'continue',
    }).then((r) => expect(r.status).toBe(303));
    const check = page(await chair.get(`/tasks/${taskId}/check`).expect(200));
    expect(check).toContain('This sends revision 2');
    await chair
      .post(`/tasks/${taskId}/submit`)
      .type('form')
      .send({ _csrf: csrfOf(check), draftVersion: String((await draftDoc())!.version) })
      .expect(303);
    const history = page(await chair.get(`/tasks/${taskId}`).expect(200));
    expect(history).toContain('What changed since revision 1');
    expect(history).toContain('Language courses for parents: from In progress to Implemented');
    expect(history).toContain('Early school leavers with a migrant background: actual value from 12.9 to 11');
    expect(history).toContain('Obstacle removed: Short-term funding');
    expect(history).toContain('Recommendation added: Pool budgets across levels');
    expect(history.indexOf('Revision 2')).toBeLessThan(history.indexOf('Revision 1'));
    expect(await submissionsOf(taskId)).toBe(2);
  });

  it('starts from last cycle’s report of the same kind', async () => {
    const task = page(await chair.get(`/tasks/${taskId}`).expect(200));
    await chair
      .post(`/tasks/${taskId}/start-from`)
      .type('form')
      .send({ _csrf: csrfOf(task), source: 'previous-cycle', draftVersion: /name="draftVersion" value="(\d+)"/.exec(task)![1] })
      .expect(303);
    const form = page(await chair.get(`/tasks/${taskId}/report`).expect(200));
    expect(form).toContain('value="education: measure A"');
    expect(form).toContain('value="education: measure B"');
    expect(page(await chair.get(`/tasks/${taskId}`).expect(200))).toContain('It started from your report for Implementation report in Earlier cycle.');
    // An old page's version replaces nothing.
    await chair
      .post(`/tasks/${taskId}/start-from`)
      .type('form')
      .send({ _csrf: csrfOf(task), source: 'revision', draftVersion: '1' })
      .expect(303)
      .then((r) => expect(r.headers.location).toBe(`/tasks/${taskId}?notice=draft-changed`));
    expect((await draftDoc())!.startedFrom).toMatchObject({ kind: 'previous-cycle', cycleName: 'Earlier cycle' });
  });

  it('asking for more time: errors beside the fields; the request shows on the task page and in My tasks; then the decision', async () => {
    const sportChair = await signInOverHttp(h, sink, 'chair.sport@test.example.org');
    const form = page(await sportChair.get(`/tasks/${sportTask}/extension`).expect(200));
    expect(form).toContain('<h1>Ask for more time</h1>');
    const post = (fields: Record<string, string>) =>
      sportChair
        .post(`/tasks/${sportTask}/extension`)
        .type('form')
        .send({ _csrf: csrfOf(form), ...fields });

    let res = await post({ 'proposedDueAt-day': '', 'proposedDueAt-month': '', 'proposedDueAt-year': '', reason: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<li><a href="#proposedDueAt-day">Enter the new due date</a></li>');
    res = await post({ 'proposedDueAt-day': '31', 'proposedDueAt-month': '2', 'proposedDueAt-year': '2031', reason: 'Elections' });
    expect(res.text).toMatch(/<a href="#proposedDueAt-day">The new due date must be a real date, like \d+ \d+ \d+<\/a>/);
    res = await post({ 'proposedDueAt-day': '1', 'proposedDueAt-month': '1', 'proposedDueAt-year': '2030', reason: 'ab' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<a href="#proposedDueAt-day">The new due date must be after the current one, [^<]+<\/a>/);
    expect(res.text).toContain('<li><a href="#reason">The reason must be at least 3 characters</a></li>');
    expect(res.text).toContain('value="2030"');
    const task = await h.db.collection('tasks').findOne({ _id: new ObjectId(sportTask) });
    expect(task!.extensionRequests).toBeUndefined();

    // A date between the due date and the compilation date, as the reader's calendar shows it.
    const due = new Date(task!.dueAt);
    const proposed = new Date(due.getTime() + 20 * 86_400_000);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(proposed);
    const part = (t: string) => local.find((p) => p.type === t)!.value;
    res = await post({
      'proposedDueAt-day': part('day'),
      'proposedDueAt-month': part('month'),
      'proposedDueAt-year': part('year'),
      reason: 'Our council meets late this year',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/tasks/${sportTask}?notice=extension-requested#extension-requests`);
    const stored = (await h.db.collection('tasks').findOne({ _id: new ObjectId(sportTask) }))!;
    expect(stored.extensionRequests).toHaveLength(1);
    // The end of the day chosen on the chair's clock (Brussels: the chair of sport names no time zone), as the API takes a day.
    expect(new Date(stored.extensionRequests[0].proposedDueAt).toISOString()).toBe(
      dueOnDay({ year: Number(part('year')), month: Number(part('month')), day: Number(part('day')) }, 'Europe/Brussels').toISOString(),
    );
    const shown = page(await sportChair.get(res.headers.location).expect(200));
    expect(shown).toContain('Your request has been sent to the steering committee.');
    expect(shown).toContain('The steering committee has not decided yet.');
    expect(shown).not.toContain(`href="/tasks/${sportTask}/extension"`);
    expect(page(await sportChair.get('/my-tasks').expect(200))).toContain('data-extension="pending"');
    // Asking again while one waits goes back to the task.
    await sportChair.get(`/tasks/${sportTask}/extension`).expect(303);

    // The committee, reading the task, is sent to its console's list of requests to decide.
    const committee = await signInOverHttp(h, sink, 'committee@test.example.org');
    expect(page(await committee.get(`/tasks/${sportTask}`).expect(200))).toContain(
      `href="/cycles/${stored.cycleId}/extension-requests">Grant or refuse requests for more time</a>`,
    );
    expect(shown).not.toContain('Grant or refuse requests for more time');

    await h.http
      .post(`/api/tasks/${sportTask}/extension-requests/${stored.pendingExtensionRequestId}/decision`)
      .send({ grant: true, reason: 'Fine, the council matters' })
      .expect(200);
    const decided = page(await sportChair.get(`/tasks/${sportTask}`).expect(200));
    expect(decided).toContain('Granted on');
    expect(decided).toContain('Fine, the council matters');
    expect(page(await sportChair.get('/my-tasks').expect(200))).toContain('data-extension="granted"');
  });
});
