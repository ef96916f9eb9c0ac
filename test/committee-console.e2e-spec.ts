import type TestAgent from 'supertest/lib/agent';
import { MailSink } from '../apps/demo/src/delivery-sinks';
import { calendarDayOf, dueOnDay } from '@pact/domain';
import { EngineHarness, reportFor, shortCycle } from './support/engine-harness';
import { field, Fields, formErrorsOf, formFields, postForm, textOf, withFields } from './support/forms';
import { browserAgent, csrfOf, signInOverHttp } from './support/web';

const dateTime = (iso: string | Date, timeZone = 'Europe/Brussels', lang = 'en') =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
/** A date typed as a day (a start at 00:00, a due date at 23:59:59 on the reader's clock) reads as the date alone. */
const dateOnly = (iso: string | Date, timeZone = 'Europe/Brussels', lang = 'en') =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone }).format(new Date(iso));
/** The calendar day a Brussels clock shows. */
const brusselsDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(iso));

/**
 * The committee's console over HTTP, as a browser without JavaScript uses it, against the real
 * API, worker, MongoDB-wire server and SMTP: the cycles list, starting a cycle through the form
 * and its preview, the progress matrix, the overdue list's one-step extension, changing a chair,
 * and the report page (publish, versions, compare). Access follows the API's permission matrix;
 * bad input on every form is refused beside its field and changes nothing; every form without
 * its CSRF token is refused.
 */
describe('committee console (e2e)', () => {
  const sink = new MailSink();
  let h: EngineHarness;
  let committee: TestAgent;
  let chair: TestAgent;
  let operator: TestAgent;
  let openCycle: string;
  let compiledCycle: string;
  let otherCompiledCycle: string;
  let overdueTask: string;

  const cycleCount = async () => (await h.http.get('/api/cycles?limit=100').expect(200)).body.length;
  const tasksOf = (id: string, n: number) =>
    h.waitFor(`${n} tasks of ${id}`, async () => {
      const r = (await h.http.get(`/api/cycles/${id}/tasks`)).body;
      return r.length === n && r;
    });

  beforeAll(async () => {
    await sink.start();
    // Two seconds a day: slow enough that dates typed in the tests stay ahead of the clock.
    h = new EngineHarness({ msPerDay: 2000, env: { ...sink.env() } });
    await h.start();
    await h.tokenFor(['chair'], ['education']);
    await h.tokenFor(['operator']);
    // A cycle with an overdue request (sport), one submitted (education); and two compiled cycles to compare.
    openCycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Open cycle', groups: ['education', 'sport'], dueAfterDays: 2, compileAfterDays: 2000, lengthMonths: 120 }))
        .expect(201)
    ).body.id;
    compiledCycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Compiled cycle', groups: ['education', 'sport'], dueAfterDays: 300, compileAfterDays: 350, lengthMonths: 24 }))
        .expect(201)
    ).body.id;
    otherCompiledCycle = (
      await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: 'Earlier cycle', groups: ['education', 'sport'], dueAfterDays: 300, compileAfterDays: 350, lengthMonths: 24 }))
        .expect(201)
    ).body.id;
    const open = await tasksOf(openCycle, 2);
    await (
      await h.chair('education')
    )
      .post(`/api/tasks/${open.find((t: any) => t.groupKey === 'education').id}/submissions`)
      .send(reportFor('education'))
      .expect(201);
    overdueTask = open.find((t: any) => t.groupKey === 'sport').id;
    for (const [id, variant] of [
      [otherCompiledCycle, 0],
      [compiledCycle, 1],
    ] as const) {
      for (const t of await tasksOf(id, 2))
        await (await h.chair(t.groupKey)).post(`/api/tasks/${t.id}/submissions`).send(reportFor(t.groupKey, variant)).expect(201);
      await h.waitFor('report compiled', async () => (await h.http.get(`/api/cycles/${id}/report`)).status === 200, 60_000);
    }
    await h.waitFor('sport overdue and escalated', async () => {
      const t = (await h.http.get(`/api/tasks/${overdueTask}`)).body.task;
      return t.status === 'overdue' && t.escalationLevel >= 1;
    });
    committee = await signInOverHttp(h, sink, 'committee@test.example.org');
    chair = await signInOverHttp(h, sink, 'chair.education@test.example.org');
    operator = await signInOverHttp(h, sink, 'operator@test.example.org');
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
    await sink.stop();
  }, 60_000);

  describe('access, as the API’s permission matrix says', () => {
    it('signed out, every console page passes through sign-in', async () => {
      for (const path of [
        '/cycles',
        '/cycles/new',
        `/cycles/${openCycle}`,
        `/cycles/${openCycle}/overdue`,
        '/working-groups',
        '/working-groups/sport',
        `/cycles/${compiledCycle}/report`,
      ]) {
        const res = await browserAgent(h).get(path).expect(303);
        expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      }
    });

    it('a chair reads cycles, their own groups’ rows of the matrix, working groups and reports, but changes nothing (403)', async () => {
      const list = await chair.get('/cycles').expect(200);
      expect(list.text).not.toContain('href="/cycles/new"');
      const cycle = await chair.get(`/cycles/${openCycle}`).expect(200);
      expect([...cycle.text.matchAll(/<tr data-group="([^"]+)"/g)].map((m) => m[1])).toEqual(['education']);
      expect(cycle.text).not.toContain('/overdue');
      const groups = await chair.get('/working-groups').expect(200);
      expect(groups.text).not.toContain('href="/working-groups/sport"');
      expect(groups.text).not.toContain('data-sign-in');
      const report = await chair.get(`/cycles/${compiledCycle}/report`).expect(200);
      expect(report.text).not.toContain('/report/publish');
      const csrf = csrfOf(list.text);
      for (const path of ['/cycles/new', `/cycles/${openCycle}/overdue`, '/working-groups/sport']) {
        const page = await chair.get(path).expect(403);
        expect(page.text).toContain('You cannot open this page');
      }
      await chair.post('/cycles/new').type('form').send({ _csrf: csrf, name: 'X', action: 'start' }).expect(403);
      await chair.post(`/cycles/${openCycle}/overdue/${overdueTask}`).type('form').send({ _csrf: csrf, dueAt: '2031-01-01', reason: 'because' }).expect(403);
      await chair
        .post('/working-groups/education')
        .type('form')
        .send({ _csrf: csrf, name: 'Me', email: 'me@example.org', language: 'en', timeZone: 'UTC' })
        .expect(403);
      await chair.post(`/cycles/${compiledCycle}/report/publish`).type('form').send({ _csrf: csrf }).expect(403);
      expect((await h.http.get(`/api/cycles/${compiledCycle}/report/versions`).expect(200)).body).toEqual([]);
      expect((await h.http.get('/api/working-groups/education').expect(200)).body.chair.email).toBe('chair.education@pact.example.eu');
    });

    it('an operator reads what the API lets operators read (every row, who can sign in) and is refused the committee’s forms', async () => {
      const cycle = await operator.get(`/cycles/${openCycle}`).expect(200);
      expect([...cycle.text.matchAll(/<tr data-group="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['education', 'sport']);
      expect((await operator.get('/working-groups').expect(200)).text).toContain('data-sign-in');
      await operator.get('/cycles/new').expect(403);
      await operator.get(`/cycles/${openCycle}/overdue`).expect(403);
    });

    it('an unknown cycle or working group is a 404 page', async () => {
      await committee.get('/cycles/65f1a2b3c4d5e6f708192aff').expect(404);
      await committee.get('/cycles/not-an-id/overdue').expect(404);
      await committee.get('/working-groups/nowhere').expect(404);
      await committee.get('/cycles/65f1a2b3c4d5e6f708192aff/report').expect(404);
    });
  });

  describe('the cycles list', () => {
    it('shows each cycle’s state, dates, progress and what comes next, filtered by state', async () => {
      const page = await committee.get('/cycles').expect(200);
      expect(page.text).toContain('href="/cycles/new"');
      const row = new RegExp(`<tr data-cycle="${openCycle}">([\\s\\S]*?)</tr>`).exec(page.text)![1];
      expect(textOf(row)).toContain('1 of 2 reports submitted');
      expect(textOf(row)).toContain('1 overdue');
      expect(textOf(row)).toMatch(/Implementation report compiled: /);
      const running = await committee.get('/cycles?status=running').expect(200);
      expect(running.text).toContain(`data-cycle="${openCycle}"`);
      expect(running.text).not.toContain(`data-cycle="${compiledCycle}"`);
      const completed = await committee.get('/cycles?status=completed').expect(200);
      expect(completed.text).toContain(`data-cycle="${compiledCycle}"`);
      expect((await committee.get('/cycles?status=cancelled').expect(200)).text).toContain('No monitoring cycle is in this state.');
      const bad = await committee.get('/cycles?status=lost').expect(400);
      expect(formErrorsOf(bad.text).beside).toEqual({ status: 'Choose a state from the list' });
    });
  });

  describe('starting a cycle', () => {
    it('offers the default plan: every working group, the README’s milestones, reminders and escalation', async () => {
      const form = await committee.get('/cycles/new').expect(200);
      const fields = formFields(form.text, '/cycles/new');
      expect(fields.filter(([k]) => k === 'groups')).toHaveLength(12);
      expect(field(fields, 'lengthMonths')).toBe('24');
      expect(field(fields, 'reminderDaysBeforeDue')).toBe('14, 3');
      expect(['key', 'kind', 'requestAt', 'dueAt', 'dueUnit', 'compileAt'].map((k) => field(fields, `milestones-0-${k}`))).toEqual([
        'mid-term',
        'progress',
        '12',
        '42',
        'days',
        '14',
      ]);
      expect(['key', 'kind', 'requestAt', 'dueAt', 'dueUnit', 'compileAt'].map((k) => field(fields, `milestones-1-${k}`))).toEqual([
        'final',
        'final',
        '22',
        '23',
        'month',
        '24',
      ]);
      // One empty row to add another milestone, one to add another level.
      expect(field(fields, 'milestones-2-key')).toBe('');
      expect([
        field(fields, 'escalation-levels-0-daysAfterDue'),
        field(fields, 'escalation-levels-0-target'),
        field(fields, 'escalation-levels-1-daysAfterDue'),
        field(fields, 'escalation-levels-1-target'),
      ]).toEqual(['0', 'chair', '7', 'committee']);
      // The start: the first of next month.
      const now = h.clock.now();
      expect(field(fields, 'start')).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10));
    });

    it('previews every request, reminder, escalation and compilation date in the reader’s time zone, then starts exactly that', async () => {
      const form = await committee.get('/cycles/new').expect(200);
      const before = await cycleCount();
      const fields = withFields(formFields(form.text, '/cycles/new'), {
        name: 'Pact 2031–2033',
        start: '2031-01-01',
        groups: ['education', 'sport', 'housing-not-chosen'].slice(0, 2),
      });
      const preview = await postForm(committee, '/cycles/new', [...fields, ['action', 'preview']]).expect(200);
      expect(preview.text).toContain('Check the plan before starting');
      expect(preview.text).toContain('Dates and times in your time zone, Europe/Brussels.');
      const steps = (key: string) =>
        [
          ...new RegExp(`data-plan-milestone="${key}"[\\s\\S]*?</table>`)
            .exec(preview.text)![0]
            .matchAll(/<tr data-step="([a-z]+)">\s*<td><time datetime="([^"]+)">([^<]+)<\/time><\/td>\s*<td>([\s\S]*?)<\/td>/g),
        ].map((m) => [m[1], m[2], m[3], textOf(m[4])]);
      expect(steps('mid-term')).toEqual([
        // The days typed are on the programme's (Brussels) calendar: a request or compilation at 00:00, a due date at 23:59:59, shown as dates.
        ['request', '2031-12-31T23:00:00.000Z', 'January 1, 2032', 'Report requests go to the chairs of 2 working groups'],
        ['reminder', '2032-01-29T22:59:59.000Z', 'January 29, 2032', 'Reminder to each chair who has not submitted (14 days before the due date)'],
        ['reminder', '2032-02-09T22:59:59.000Z', 'February 9, 2032', 'Reminder to each chair who has not submitted (3 days before the due date)'],
        ['due', '2032-02-12T22:59:59.000Z', 'February 12, 2032', 'Due date'],
        ['escalation', '2032-02-12T22:59:59.000Z', 'February 12, 2032', 'If still not submitted: escalation level 1, to the chair (0 days after the due date)'],
        [
          'escalation',
          '2032-02-19T22:59:59.000Z',
          'February 19, 2032',
          'If still not submitted: escalation level 2, to the steering committee (7 days after the due date)',
        ],
        ['compile', '2032-02-29T23:00:00.000Z', 'March 1, 2032', 'The report is compiled (earlier, as soon as every working group has submitted)'],
      ]);
      expect(steps('final').map(([kind, iso]) => `${kind} ${brusselsDay(iso)}`)).toEqual([
        'request 2032-11-01',
        'reminder 2032-11-17',
        'reminder 2032-11-28',
        'due 2032-12-01',
        'escalation 2032-12-01',
        'escalation 2032-12-08',
        'compile 2033-01-01',
      ]);
      // Nothing is started by the preview.
      expect(await cycleCount()).toBe(before);

      // "Change the plan" brings the same values back to the form.
      const hidden = formFields(preview.text, '/cycles/new');
      const back = await postForm(committee, '/cycles/new', [...hidden, ['action', 'change']]).expect(200);
      expect(field(formFields(back.text, '/cycles/new'), 'name')).toBe('Pact 2031–2033');
      expect(
        formFields(back.text, '/cycles/new')
          .filter(([k]) => k === 'groups')
          .map(([, v]) => v),
      ).toEqual(['education', 'sport']);

      const started = await postForm(committee, '/cycles/new', [...hidden, ['action', 'start']]).expect(303);
      const id = /^\/cycles\/([0-9a-f]{24})\?started=1$/.exec(started.headers.location)![1];
      const page = await committee.get(started.headers.location).expect(200);
      // Nothing has gone out yet: the page says when the first requests will, as a date (a start typed as a day).
      const startDay = dateOnly('2031-12-31T23:00:00Z');
      expect(textOf(page.text)).toContain(`The cycle has been started. The first report requests (“Mid-term progress report”) go out on ${startDay}.`);
      const api = (await h.http.get(`/api/cycles/${id}`).expect(200)).body;
      expect(api).toMatchObject({
        name: 'Pact 2031–2033',
        status: 'scheduled',
        groupKeys: ['education', 'sport'],
        reminderDaysBeforeDue: [14, 3],
        createdBy: 'committee:committee@test.example.org',
      });
      expect(api.milestones.map((m: any) => [m.key, m.requestAt, m.dueAt, m.compileAt])).toEqual([
        ['mid-term', '2031-12-31T23:00:00.000Z', '2032-02-12T22:59:59.000Z', '2032-02-29T23:00:00.000Z'],
        ['final', '2032-10-31T23:00:00.000Z', '2032-12-01T22:59:59.000Z', '2032-12-31T23:00:00.000Z'],
      ]);
      expect(await cycleCount()).toBe(before + 1);

      // "Start the cycle" pressed again (a double click, a resent form): the same cycle, nothing new started,
      // also when both presses arrive at once.
      const again = await postForm(committee, '/cycles/new', [...hidden, ['action', 'start']]).expect(303);
      expect(again.headers.location).toBe(started.headers.location);
      expect(await cycleCount()).toBe(before + 1);
      const other = formFields((await postForm(committee, '/cycles/new', [...hidden, ['action', 'preview']]).expect(200)).text, '/cycles/new');
      expect(field(other, 'startKey')).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(field(other, 'startKey')).not.toBe(field(hidden, 'startKey'));
      const both = await Promise.all([1, 2].map(() => postForm(committee, '/cycles/new', [...other, ['action', 'start']]).expect(303)));
      expect(both[0].headers.location).toBe(both[1].headers.location);
      expect(both[0].headers.location).not.toBe(started.headers.location);
      expect(await cycleCount()).toBe(before + 2);
    });

    it('shows the dates in the time zone the reader chose, and a reminder the engine would skip as left out', async () => {
      const settings = await committee.get('/settings').expect(200);
      await committee
        .post('/settings')
        .type('form')
        .send({ _csrf: csrfOf(settings.text), language: 'en', timeZone: 'America/New_York' })
        .expect(303);
      try {
        const form = await committee.get('/cycles/new').expect(200);
        const fields = withFields(formFields(form.text, '/cycles/new'), { name: 'Short', start: '2031-01-01', 'milestones-0-dueAt': '10' });
        const preview = await postForm(committee, '/cycles/new', fields).expect(200);
        expect(preview.text).toContain('Dates and times in your time zone, America/New_York.');
        // The plan's days are the programme's (Brussels): the request at 00:00 there on 1 January is 31 December, 18:00 in New York, shown with its time.
        expect(preview.text).toContain(`<time datetime="2031-12-31T23:00:00.000Z">${dateTime('2031-12-31T23:00:00Z', 'America/New_York')}</time>`);
        expect(dateTime('2031-12-31T23:00:00Z', 'America/New_York')).toMatch(/^December 31, 2031 at 6:00/);
        // Due 10 days after the request: the 14-day reminder would come before the request.
        expect(textOf(/data-left-out="mid-term">([^<]*)</.exec(preview.text)![1])).toBe(
          `No reminder 14 days before the due date: it would come on ${dateTime('2031-12-28T22:59:59Z', 'America/New_York')}, before the request.`,
        );
      } finally {
        const again = await committee.get('/settings').expect(200);
        await committee
          .post('/settings')
          .type('form')
          .send({ _csrf: csrfOf(again.text), language: 'en', timeZone: 'Europe/Brussels' })
          .expect(303);
      }
    });

    it('refuses bad input beside each field, with an error summary, and starts nothing', async () => {
      const form = await committee.get('/cycles/new').expect(200);
      const base = withFields(formFields(form.text, '/cycles/new'), { name: 'Refused', start: '2031-01-01' });
      const before = await cycleCount();
      const cases: [string, Record<string, string | string[] | null>, Record<string, string>][] = [
        ['an empty name', { name: '' }, { name: 'Enter the name of the cycle' }],
        ['a start that is no date', { start: '1st of May' }, { start: 'Enter the start date as a date, for example 2031-01-01' }],
        ['a length out of range', { lengthMonths: '200' }, { lengthMonths: 'Enter the length as a whole number of months, from 1 to 120' }],
        ['no working group', { groups: null }, { groups: 'Choose at least one working group from the list' }],
        ['an unknown working group', { groups: ['education', 'atlantis'] }, { groups: 'Choose at least one working group from the list' }],
        [
          'reminder days that are not numbers',
          { reminderDaysBeforeDue: '14, soon' },
          { reminderDaysBeforeDue: 'Enter the reminder days as whole numbers from 1 to 365, separated by commas, each once, at most 10' },
        ],
        [
          'a milestone due before its request',
          { 'milestones-1-dueAt': '21' },
          { 'milestones-1-dueAt': `Milestone 2 must be due after its request (${dateOnly('2032-10-31T23:00:00Z')})` },
        ],
        [
          'a milestone due after the cycle ends',
          { 'milestones-1-dueAt': '30' },
          {
            'milestones-1-dueAt': `Milestone 2 would be due after the cycle ends (${dateOnly('2032-12-31T23:00:00Z')}); make it due earlier or the cycle longer`,
            'milestones-1-compileAt': `Milestone 2 cannot be compiled before it is due (${dateOnly('2033-07-01T21:59:59Z')})`,
          },
        ],
        [
          'two final reports',
          { 'milestones-0-kind': 'final' },
          { 'milestones-1-kind': 'A cycle has at most one final report; make the other milestones progress reports' },
        ],
        [
          'a bad milestone key',
          { 'milestones-0-key': 'Mid Term' },
          { 'milestones-0-key': 'Enter the short key of milestone 1 as lowercase letters, digits and dashes, starting with a letter' },
        ],
        [
          'a duplicate milestone key',
          { 'milestones-1-key': 'mid-term' },
          { 'milestones-1-key': 'Milestone 2 has the same key as an earlier one; give each milestone its own key' },
        ],
        [
          'compilations in the past',
          { start: '2027-01-01' },
          {
            'milestones-0-compileAt': 'Milestone 1 would be compiled in the past (now is …); choose a later start or month',
            'milestones-1-compileAt': 'Milestone 2 would be compiled in the past (now is …); choose a later start or month',
          },
        ],
        [
          'a level before the one above it',
          { 'escalation-levels-1-daysAfterDue': '0', 'escalation-levels-0-daysAfterDue': '5' },
          { 'escalation-levels-1-daysAfterDue': 'Level 2 cannot come before the level above it; give it at least as many days' },
        ],
        ['an unknown escalation target', { 'escalation-levels-0-target': 'mayor' }, { 'escalation-levels-0-target': 'Choose who level 1 goes to' }],
      ];
      for (const [what, changes, expected] of cases) {
        for (const action of ['preview', 'start']) {
          const res = await postForm(committee, '/cycles/new', [...withFields(base, changes), ['action', action]]);
          expect({ what, action, status: res.status }).toEqual({ what, action, status: 400 });
          const { summary, beside } = formErrorsOf(res.text);
          const norm = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.replace(/\(now is [^)]+\)/, '(now is …)')]));
          expect({ what, beside: norm(beside) }).toEqual({ what, beside: norm(expected) });
          // The summary links to each field with the same words.
          expect({ what, summary: norm(summary) }).toEqual({ what, summary: norm(expected) });
          expect(res.text).toContain('<title>Error: Start a cycle – Pact monitoring</title>');
          // What was typed comes back.
          expect(field(formFields(res.text, '/cycles/new'), 'name')).toBe(field(withFields(base, changes), 'name') ?? '');
        }
      }
      expect(await cycleCount()).toBe(before);
    });

    it('adds a milestone in the empty row and drops a row emptied', async () => {
      const form = await committee.get('/cycles/new').expect(200);
      const fields = withFields(formFields(form.text, '/cycles/new'), {
        name: 'Three milestones',
        start: '2031-01-01',
        'milestones-2-key': 'baseline',
        'milestones-2-title': 'Baseline survey',
        'milestones-2-requestAt': '1',
        'milestones-2-dueAt': '30',
        'milestones-2-compileAt': '3',
      });
      const preview = await postForm(committee, '/cycles/new', fields).expect(200);
      expect([...preview.text.matchAll(/data-plan-milestone="([^"]+)"/g)].map((m) => m[1])).toEqual(['baseline', 'mid-term', 'final']);
      const emptied = withFields(fields, {
        'milestones-0-key': '',
        'milestones-0-title': '',
        'milestones-0-requestAt': '',
        'milestones-0-dueAt': '',
        'milestones-0-compileAt': '',
      });
      const fewer = await postForm(committee, '/cycles/new', emptied).expect(200);
      expect([...fewer.text.matchAll(/data-plan-milestone="([^"]+)"/g)].map((m) => m[1])).toEqual(['baseline', 'final']);
    });
  });

  describe('the cycle page', () => {
    it('shows the progress matrix in words and each milestone’s counts and on-time rate', async () => {
      const page = await committee.get(`/cycles/${openCycle}`).expect(200);
      const cell = (group: string) => textOf(new RegExp(`<tr data-group="${group}">([\\s\\S]*?)</tr>`).exec(page.text)![1]);
      expect(cell('education')).toMatch(/^Integration through education Submitted on time Revision 1 Open the request/);
      expect(cell('sport')).toMatch(/^Integration through sport Overdue Escalated to level \d Due /);
      expect(page.text).toContain(`href="/tasks/${overdueTask}"`);
      const counts = textOf(/<td data-counts>([\s\S]*?)<\/td>/.exec(page.text)![1]);
      expect(counts).toBe('1 of 2 submitted 0 of them late 0 open 1 overdue 1 escalated 0 extended');
      expect(textOf(/<td data-rate>([\s\S]*?)<\/td>/.exec(page.text)![1])).toBe('50 % (1 of 2 due so far)');
      expect(textOf(page.text)).toContain('Overdue report requests (1), with extensions');
    });
  });

  describe('the overdue list and its one-step extension', () => {
    it('lists the overdue request and says who is told before extending', async () => {
      const page = await committee.get(`/cycles/${openCycle}/overdue`).expect(200);
      expect(page.text).toContain(`<section class="card" data-task="${overdueTask}"`);
      expect(textOf(/<p class="told" data-told>([\s\S]*?)<\/p>/.exec(page.text)![1])).toBe(
        'Lena Schmidt (chair.sport@pact.example.eu), the chair, is e-mailed the new date and the reason.',
      );
    });

    it('refuses a bad date or reason beside the field, changing nothing; CSRF is required', async () => {
      const before = (await h.http.get(`/api/tasks/${overdueTask}`).expect(200)).body.task;
      const page = await committee.get(`/cycles/${openCycle}/overdue`).expect(200);
      const csrf = csrfOf(page.text);
      const post = (body: Record<string, string>) => committee.post(`/cycles/${openCycle}/overdue/${overdueTask}`).type('form').send(body);
      const compile = new Date(new Date(before.dueAt).getTime() + 1998 * 86_400_000);
      const cases: [Record<string, string>, Record<string, string>][] = [
        [{ dueAt: '', reason: 'Illness' }, { [`dueAt-${overdueTask}`]: 'Enter the new due date as a date, for example 2031-03-15' }],
        [{ dueAt: 'next week', reason: 'Illness' }, { [`dueAt-${overdueTask}`]: 'Enter the new due date as a date, for example 2031-03-15' }],
        [{ dueAt: '2040-01-01', reason: 'x' }, { [`reason-${overdueTask}`]: 'Enter a reason of 3 to 2000 characters' }],
        [
          { dueAt: '2020-01-01', reason: 'Illness' },
          { [`dueAt-${overdueTask}`]: `The new due date must be after the current one (${dateTime(before.dueAt)})` },
        ],
        [
          { dueAt: new Date(compile.getTime() + 40 * 86_400_000).toISOString().slice(0, 10), reason: 'Illness' },
          { [`dueAt-${overdueTask}`]: 'The new due date cannot be after the report is compiled (…)' },
        ],
      ];
      for (const [body, expected] of cases) {
        const res = await post({ _csrf: csrf, ...body });
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        const norm = (o: Record<string, string>) =>
          Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.replace(/is compiled \([^)]+\)/, 'is compiled (…)')]));
        expect(norm(formErrorsOf(res.text).beside)).toEqual(norm(expected));
        expect(norm(formErrorsOf(res.text).summary)).toEqual(norm(expected));
      }
      await post({ dueAt: '2040-01-01', reason: 'Illness' }).expect(403);
      const after = (await h.http.get(`/api/tasks/${overdueTask}`).expect(200)).body.task;
      expect({ dueAt: after.dueAt, extensions: after.extensions.length, status: after.status }).toEqual({
        dueAt: before.dueAt,
        extensions: 0,
        status: 'overdue',
      });
    });

    it('extends in one step, then shows the new date and who was told; the chair is e-mailed', async () => {
      const page = await committee.get(`/cycles/${openCycle}/overdue`).expect(200);
      // The day typed is due at its end on the chair's clock (Brussels: the chair of sport names no time zone), as in the API.
      const day = h.daysFromNow(100).toISOString().slice(0, 10);
      const newDue = dueOnDay(calendarDayOf(day)!, 'Europe/Brussels');
      const clock = (d: Date) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Brussels',
          hourCycle: 'h23',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        }).format(d);
      expect(clock(newDue)).toBe(`${day.split('-').reverse().join('/')}, 23:59:59`);
      const res = await committee
        .post(`/cycles/${openCycle}/overdue/${overdueTask}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), dueAt: day, reason: 'Chair was ill' })
        .expect(303);
      expect(res.headers.location).toBe(`/cycles/${openCycle}/overdue?extended=${overdueTask}`);
      const done = await committee.get(res.headers.location).expect(200);
      const notice = textOf(/<div class="notice"[\s\S]*?<\/div>/.exec(done.text)![0]);
      expect(notice).toBe(
        `Integration through sport, Implementation report: now due ${dateOnly(newDue)}. Lena Schmidt (chair.sport@pact.example.eu), the chair, is e-mailed the new date and the reason.`,
      );
      expect(done.text).toContain('Nothing is overdue in this cycle.');
      const task = (await h.http.get(`/api/tasks/${overdueTask}`).expect(200)).body.task;
      expect(task).toMatchObject({ status: 'open', dueAt: newDue.toISOString(), escalationLevel: 0 });
      expect(task.extensions.at(-1)).toMatchObject({ reason: 'Chair was ill', actor: 'committee:committee@test.example.org' });
      const mail = await h.waitFor('the chair’s e-mail', async () =>
        sink.to('chair.sport@pact.example.eu').find((m) => m.headers.get('x-pact-kind') === 'extended'),
      );
      expect(mail.text).toContain('Chair was ill');
      // The matrix says so in words.
      const cycle = await committee.get(`/cycles/${openCycle}`).expect(200);
      expect(textOf(/<tr data-group="sport">([\s\S]*?)<\/tr>/.exec(cycle.text)![1])).toMatch(/^Integration through sport Open Extensions: 1 Due /);
      // Extending again a request that is no longer overdue is refused as such.
      const again = await committee
        .post(`/cycles/${openCycle}/overdue/${overdueTask}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), dueAt: '2040-01-01', reason: 'Again' })
        .expect(409);
      expect(formErrorsOf(again.text).summary['overdue-list']).toContain('not overdue any more');
    });
  });

  describe('working groups and chairs', () => {
    it('lists the groups and chairs, and whether each chair can sign in', async () => {
      const page = await committee.get('/working-groups').expect(200);
      expect(page.text).toContain('<td data-sign-in="no">');
      expect(textOf(/<tr data-group="sport">([\s\S]*?)<\/tr>/.exec(page.text)![1])).toBe(
        'Integration through sport Indicators over time : Integration through sport Lena Schmidt chair.sport@pact.example.eu German Europe/Brussels No account for this address Change the chair : Integration through sport',
      );
    });

    it('refuses a bad chair beside the field, changing nothing; CSRF is required', async () => {
      const form = await committee.get('/working-groups/sport').expect(200);
      expect(textOf(/data-who-is-told>([\s\S]*?)<\/div>/.exec(form.text)![1])).toContain('Nobody is e-mailed about this change');
      const fields = formFields(form.text, '/working-groups/sport');
      expect([field(fields, 'name'), field(fields, 'email'), field(fields, 'language'), field(fields, 'timeZone')]).toEqual([
        'Lena Schmidt',
        'chair.sport@pact.example.eu',
        'de',
        'Europe/Brussels',
      ]);
      const cases: [Record<string, string>, Record<string, string>][] = [
        [{ email: 'not an address' }, { email: 'Enter an e-mail address in the correct format, like name@example.org' }],
        [{ name: '' }, { name: "Enter the chair's name, up to 200 characters" }],
        [{ language: 'xx' }, { language: 'Choose a language from the list' }],
        [{ timeZone: 'Mars/Olympus' }, { timeZone: 'Choose a time zone from the list' }],
      ];
      for (const [changes, expected] of cases) {
        const res = await postForm(committee, '/working-groups/sport', withFields(fields, changes)).expect(400);
        expect(formErrorsOf(res.text).beside).toEqual(expected);
        expect(formErrorsOf(res.text).summary).toEqual(expected);
      }
      await postForm(committee, '/working-groups/sport', withFields(fields, { _csrf: null, name: 'Nobody' })).expect(403);
      expect((await h.http.get('/api/working-groups/sport').expect(200)).body.chair.name).toBe('Lena Schmidt');
    });

    it('changes the chair through WorkingGroupService.update, recorded today, says who is told, and moves access to the new chair', async () => {
      // The chair leaving has an account acting for the group and sees its request.
      await h.http
        .post('/api/users')
        .send({ name: 'Lena Schmidt', email: 'chair.sport@pact.example.eu', roles: ['chair'], groupKeys: ['sport'] })
        .expect(201);
      const leaving = await signInOverHttp(h, sink, 'chair.sport@pact.example.eu');
      expect((await leaving.get('/my-tasks?show=all').expect(200)).text).toContain('Integration through sport');
      const form = await committee.get('/working-groups/sport').expect(200);
      expect(textOf(/data-who-is-told>([\s\S]*?)<\/div>/.exec(form.text)![1])).toContain('Access follows the chair');
      const before = h.clock.now();
      const res = await postForm(
        committee,
        '/working-groups/sport',
        withFields(formFields(form.text, '/working-groups/sport'), {
          name: 'Jonas Weber',
          email: 'jonas.weber@city.example.de',
          language: 'de',
          timeZone: 'Europe/Berlin',
        }),
      ).expect(303);
      const after = h.clock.now();
      expect(res.headers.location).toBe('/working-groups?changed=sport');
      // Recorded as of now (cycle time), by the committee member.
      const event = (await h.db.collection('events').findOne({ type: 'working-group.chair-changed', groupKey: 'sport' }))!;
      expect(event).toMatchObject({ actor: 'committee:committee@test.example.org' });
      expect(event.at.getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(event.at.getTime()).toBeLessThanOrEqual(after.getTime());
      const page = await committee.get(res.headers.location).expect(200);
      const notice = textOf(/<div class="notice"[\s\S]*?<\/div>/.exec(page.text)![0]);
      const day = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(event.at);
      expect(notice).toContain(`Integration through sport: Jonas Weber is the chair now (recorded ${day}).`);
      expect(notice).toContain(
        "Nobody was e-mailed about the change. From now on the group's messages go to jonas.weber@city.example.de, in German, with dates in Europe/Berlin. Report requests waiting: 1.",
      );
      expect(notice).toContain('Jonas Weber can sign in and submit for this working group.');
      const group = (await h.http.get('/api/working-groups/sport').expect(200)).body;
      expect(group.chair).toEqual({ name: 'Jonas Weber', email: 'jonas.weber@city.example.de', language: 'de', timeZone: 'Europe/Berlin' });
      expect(page.text).toMatch(/<tr data-group="sport">[\s\S]*?<td data-sign-in="yes">/);
      // The new chair has an account in their language and zone, signs in and finds the group's request;
      // the chair leaving keeps the account but no longer sees the group (at their next page, same session).
      const users = (await h.http.get('/api/users').expect(200)).body as {
        email: string;
        roles: string[];
        groupKeys: string[];
        language?: string;
        timeZone?: string;
      }[];
      expect(users.find((u) => u.email === 'jonas.weber@city.example.de')).toMatchObject({
        roles: ['chair'],
        groupKeys: ['sport'],
        language: 'de',
        timeZone: 'Europe/Berlin',
      });
      expect(users.find((u) => u.email === 'chair.sport@pact.example.eu')).toMatchObject({ roles: ['chair'], groupKeys: [] });
      const arriving = await signInOverHttp(h, sink, 'jonas.weber@city.example.de');
      // Jonas reads German: his page, and the group's name in it.
      expect((await arriving.get('/my-tasks?show=all').expect(200)).text).toContain('Integration durch Sport');
      expect((await leaving.get('/my-tasks?show=all').expect(200)).text).not.toContain('Integration through sport');
      const access = await h.db
        .collection('events')
        .find({ groupKey: 'sport', type: { $in: ['user.created', 'user.chair-withdrawn'] } })
        .toArray();
      expect(access.map((e) => [e.type, e.data.email]).sort()).toEqual([
        ['user.chair-withdrawn', 'chair.sport@pact.example.eu'],
        ['user.created', 'jonas.weber@city.example.de'],
      ]);
      // The same form, opened before that change, sent again by someone else: nothing is changed, the page says why.
      const stale = await postForm(
        committee,
        '/working-groups/sport',
        withFields(formFields(form.text, '/working-groups/sport'), { name: 'Someone Else', email: 'someone.else@city.example.de' }),
      ).expect(409);
      expect(formErrorsOf(stale.text).beside.name).toBe(
        'Someone changed the chair while this form was open: the chair is now Jonas Weber (jonas.weber@city.example.de). Nothing was saved; check and save again if you still want this change.',
      );
      expect((await h.http.get('/api/working-groups/sport').expect(200)).body.chair.email).toBe('jonas.weber@city.example.de');
    });
  });

  describe('people', () => {
    it('the committee adds a person with the API rules, the error beside its field, changing nothing on bad input', async () => {
      const form = await committee.get('/people/new').expect(200);
      const fields = formFields(form.text, '/people/new');
      const count = async () => (await h.http.get('/api/users').expect(200)).body.length;
      const before = await count();
      const cases: [Record<string, string | string[] | null>, Record<string, string>][] = [
        [{ name: '', email: 'a@pact.example.eu', role: 'operator' }, { name: "Enter the person's name, up to 200 characters" }],
        [{ name: 'A', email: 'nope', role: 'operator' }, { email: 'Enter an e-mail address in the correct format, like name@example.org' }],
        [{ name: 'A', email: 'a@pact.example.eu' }, { role: 'Choose a role' }],
        [{ name: 'A', email: 'a@pact.example.eu', role: 'chair' }, { groupKeys: 'Choose the working groups this chair acts for' }],
        [
          { name: 'A', email: 'a@pact.example.eu', role: 'operator', groupKeys: 'sport' },
          { groupKeys: 'Only chairs act for working groups; clear the working groups or choose Chair' },
        ],
        [{ name: 'A', email: 'a@pact.example.eu', role: 'chair', groupKeys: 'no-such-group' }, { groupKeys: 'Choose the working groups this chair acts for' }],
        [{ name: 'A', email: 'a@pact.example.eu', role: 'operator', timeZone: 'Mars/Olympus' }, { timeZone: 'Choose a time zone from the list' }],
        [{ name: 'A', email: 'committee@test.example.org', role: 'operator' }, { email: 'committee@test.example.org has an account already' }],
      ];
      for (const [changes, expected] of cases) {
        const res = await postForm(committee, '/people/new', withFields(fields, changes));
        expect([400, 409]).toContain(res.status);
        expect(formErrorsOf(res.text).beside).toEqual(expected);
        expect(formErrorsOf(res.text).summary).toEqual(expected);
      }
      expect(await count()).toBe(before);
      await postForm(committee, '/people/new', withFields(fields, { _csrf: null, name: 'A', email: 'a@pact.example.eu', role: 'operator' })).expect(403);
      await postForm(
        chair,
        '/people/new',
        withFields(fields, { _csrf: csrfOf((await chair.get('/my-tasks').expect(200)).text), name: 'A', email: 'a@pact.example.eu', role: 'operator' }),
      ).expect(403);
      expect(await count()).toBe(before);

      // A second person acting for two groups, in German: listed, and able to sign in.
      const res = await postForm(
        committee,
        '/people/new',
        withFields(fields, {
          name: 'Karl Berger',
          email: 'Karl.Berger@city.example.at',
          role: 'chair',
          groupKeys: ['sport', 'education'],
          language: 'de',
          timeZone: 'Europe/Vienna',
        }),
      ).expect(303);
      expect(res.headers.location).toMatch(/^\/people\?added=[a-f0-9]{24}$/);
      const list = await committee.get(res.headers.location).expect(200);
      expect(textOf(/<div class="notice"[\s\S]*?<\/div>/.exec(list.text)![0])).toContain(
        'Karl Berger can sign in now: at the sign-in page, with karl.berger@city.example.at.',
      );
      expect(textOf(/<tr data-person="karl.berger@city.example.at">([\s\S]*?)<\/tr>/.exec(list.text)![1])).toMatch(
        /^Karl Berger karl\.berger@city\.example\.at Chair Integration through (education, Integration through sport|sport, Integration through education) German Europe\/Vienna/,
      );
      const karl = (await h.http.get('/api/users').expect(200)).body.find((u: { email: string }) => u.email === 'karl.berger@city.example.at');
      expect(karl).toMatchObject({ roles: ['chair'], language: 'de', timeZone: 'Europe/Vienna' });
      expect([...karl.groupKeys].sort()).toEqual(['education', 'sport']);
      const signedIn = await signInOverHttp(h, sink, 'karl.berger@city.example.at');
      expect((await signedIn.get('/').expect(303)).headers.location).toBe('/my-tasks');
      // Operators read the list; chairs do not.
      expect((await operator.get('/people').expect(200)).text).toContain('karl.berger@city.example.at');
      expect((await operator.get('/people').expect(200)).text).not.toContain('href="/people/new"');
      await operator.get('/people/new').expect(403);
      await chair.get('/people').expect(403);
    });
  });

  describe('the report page', () => {
    it('shows the compiled report inline without inline styles, with downloads, versions and comparison', async () => {
      const page = await committee.get(`/cycles/${compiledCycle}/report`).expect(200);
      const doc = /<div class="report-document" lang="en" data-report-document>([\s\S]*?)<\/div>\s*$/.exec(page.text.split('</main>')[0])![1];
      expect(doc).toContain('<h2>Coverage</h2>');
      expect(doc).toContain('<svg class="timeline"');
      expect(page.text).not.toMatch(/\sstyle=|<style/);
      expect(page.text).toContain('No version of this report has been published yet.');
      for (const f of ['pdf', 'csv', 'markdown', 'html']) expect(page.text).toContain(`/cycles/${compiledCycle}/report/download/${f}?milestone=final`);
      const md = await committee.get(`/cycles/${compiledCycle}/report/download/markdown?milestone=final`).expect(200);
      expect(md.text).toMatch(/^# Compiled cycle: Implementation report/);
    });

    it('publishes a version, then names the same version when nothing changed; the version downloads as frozen', async () => {
      const page = await committee.get(`/cycles/${compiledCycle}/report`).expect(200);
      const first = await postForm(
        committee,
        `/cycles/${compiledCycle}/report/publish`,
        formFields(page.text, `/cycles/${compiledCycle}/report/publish`),
      ).expect(303);
      expect(first.headers.location).toBe(`/cycles/${compiledCycle}/report?milestone=final&published=1&created=1#versions`);
      const shown = await committee.get(first.headers.location.split('#')[0]).expect(200);
      expect(textOf(/<div class="notice"[\s\S]*?<\/div>/.exec(shown.text)![0])).toBe('Published as version 1.');
      expect(shown.text).toContain('<tr data-version="1">');
      const again = await postForm(
        committee,
        `/cycles/${compiledCycle}/report/publish`,
        formFields(shown.text, `/cycles/${compiledCycle}/report/publish`),
      ).expect(303);
      expect(again.headers.location).toContain('published=1&created=0');
      expect(textOf(/<div class="notice"[\s\S]*?<\/div>/.exec((await committee.get(again.headers.location.split('#')[0])).text)![0])).toBe(
        'Nothing has changed since version 1: no new version was made.',
      );
      expect((await h.http.get(`/api/cycles/${compiledCycle}/report/versions`).expect(200)).body.map((v: any) => v.version)).toEqual([1]);
      const md = await committee.get(`/cycles/${compiledCycle}/report/versions/1/download/markdown`).expect(200);
      expect(md.text).toContain('**Published version 1,');
      await committee.get(`/cycles/${compiledCycle}/report/versions/9/download/markdown`).expect(404);
      await committee.get(`/cycles/${compiledCycle}/report/versions/x/download/markdown`).expect(400);
      // Without its CSRF token, nothing is published.
      await committee.post(`/cycles/${compiledCycle}/report/publish`).type('form').send({ milestone: 'final' }).expect(403);
    });

    it('compares with another cycle’s report, as GET /api/reports/compare does', async () => {
      const page = await committee.get(`/cycles/${compiledCycle}/report?milestone=final&compare=${otherCompiledCycle}`).expect(200);
      expect(page.text).toContain(`data-comparison="${otherCompiledCycle}"`);
      const api = (await h.http.get(`/api/reports/compare?from=${otherCompiledCycle}&to=${compiledCycle}`).expect(200)).body;
      const summary = textOf(/<section aria-labelledby="comparison-title"[\s\S]*?<\/p>/.exec(page.text)![0]);
      const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
      expect(summary).toContain(
        `On time ${sign(api.coverage.onTime)}, late ${sign(api.coverage.late)}, missing ${sign(api.coverage.missing)}; measures implemented ${sign(api.measuresImplemented)}; indicators at target ${sign(api.indicatorsAchieved)}.`,
      );
      expect(textOf(/<section aria-labelledby="comparison-title"[\s\S]*?<tr data-group="education">([\s\S]*?)<\/tr>/.exec(page.text)![1])).toContain(
        'on time → on time',
      );
      const bad = await committee.get(`/cycles/${compiledCycle}/report?compare=${openCycle}`).expect(400);
      expect(formErrorsOf(bad.text).beside).toEqual({ compare: 'Choose a cycle with a compiled report from the list' });
    });
  });

  describe('requests for more time', () => {
    let cycleId: string;
    const requests: Record<string, { taskId: string; requestId: string; dueAt: string; proposed: string }> = {};
    const pendingIds = async () => ((await h.http.get(`/api/extension-requests?cycleId=${cycleId}`).expect(200)).body as any[]).map((r) => r.id).sort();

    beforeAll(async () => {
      cycleId = (
        await h.http
          .post('/api/cycles')
          .send(
            shortCycle(h, {
              name: 'Requests cycle',
              groups: ['education', 'labour-market'],
              requestInDays: 0.5,
              dueAfterDays: 60,
              compileAfterDays: 200,
              lengthMonths: 24,
            }),
          )
          .expect(201)
      ).body.id;
      for (const t of await tasksOf(cycleId, 2)) {
        const proposed = new Date(new Date(t.dueAt).getTime() + 10 * 86_400_000).toISOString();
        const r = await (
          await h.chair(t.groupKey)
        )
          .post(`/api/tasks/${t.id}/extension-requests`)
          .send({ proposedDueAt: proposed, reason: `${t.groupKey} needs the board's approval first` })
          .expect(201);
        requests[t.groupKey] = { taskId: t.id, requestId: r.body.id, dueAt: t.dueAt, proposed };
      }
    }, 60_000);

    it('are the committee’s: a chair and an operator get 403', async () => {
      await chair.get(`/cycles/${cycleId}/extension-requests`).expect(403);
      await operator.get(`/cycles/${cycleId}/extension-requests`).expect(403);
      const csrf = csrfOf((await chair.get('/cycles')).text);
      const { taskId, requestId } = requests.education;
      await chair
        .post(`/cycles/${cycleId}/extension-requests/${taskId}/${requestId}`)
        .type('form')
        .send({ _csrf: csrf, decision: 'grant', reason: 'Granted by myself' })
        .expect(403);
      expect(await pendingIds()).toHaveLength(2);
    });

    it('lists each request with the date asked for, the reason, and who hears of a grant or a refusal', async () => {
      const page = await committee.get(`/cycles/${cycleId}/extension-requests`).expect(200);
      const card = /<section class="card card-request" data-request="([^"]+)"[\s\S]*?<\/section>/g;
      expect([...page.text.matchAll(card)].map((m) => m[1]).sort()).toEqual(await pendingIds());
      const edu = new RegExp(`data-request="${requests.education.requestId}"[\\s\\S]*?</section>`).exec(page.text)![0];
      expect(textOf(/<dd data-proposed>([\s\S]*?)<\/dd>/.exec(edu)![1])).toBe(dateTime(requests.education.proposed));
      expect(textOf(/<dd data-reason>([\s\S]*?)<\/dd>/.exec(edu)![1])).toBe("education needs the board's approval first");
      expect(textOf(edu)).toContain(
        'Anna Keller (chair.education@pact.example.eu), the chair, is e-mailed the new date and your reason; reminders and escalations move to it.',
      );
      expect(textOf(edu)).toContain('Anna Keller (chair.education@pact.example.eu), the chair, is e-mailed your refusal and your reason; the due date stays.');
      // The cycle page counts them and says so in the matrix.
      const cycle = await committee.get(`/cycles/${cycleId}`).expect(200);
      expect(textOf(cycle.text)).toContain('Requests for more time waiting for you (2)');
      expect(textOf(/<tr data-group="education">([\s\S]*?)<\/tr>/.exec(cycle.text)![1])).toContain('Asked for more time');
    });

    it('refuses bad input beside the field, deciding nothing; CSRF is required', async () => {
      const { taskId, requestId } = requests.education;
      const page = await committee.get(`/cycles/${cycleId}/extension-requests`).expect(200);
      const csrf = csrfOf(page.text);
      const post = (body: Record<string, string>) => committee.post(`/cycles/${cycleId}/extension-requests/${taskId}/${requestId}`).type('form').send(body);
      const cases: [Record<string, string>, Record<string, string>][] = [
        [{ reason: 'Fine by us' }, { [`decision-${requestId}`]: 'Choose whether to grant or refuse the request' }],
        [{ decision: 'maybe', reason: 'Fine by us' }, { [`decision-${requestId}`]: 'Choose whether to grant or refuse the request' }],
        [{ decision: 'grant', reason: 'ok' }, { [`reason-${requestId}`]: 'Enter a reason of 3 to 2000 characters' }],
        [{ decision: 'grant', dueAt: 'soon', reason: 'Fine by us' }, { [`dueAt-${requestId}`]: 'Enter the new due date as a date, for example 2031-03-15' }],
        [
          { decision: 'grant', dueAt: '2020-01-01', reason: 'Fine by us' },
          { [`dueAt-${requestId}`]: `The new due date must be after the current one (${dateTime(requests.education.dueAt)})` },
        ],
      ];
      for (const [body, expected] of cases) {
        const res = await post({ _csrf: csrf, ...body });
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(formErrorsOf(res.text).beside).toEqual(expected);
        expect(formErrorsOf(res.text).summary).toEqual(expected);
      }
      await post({ decision: 'grant', reason: 'Fine by us' }).expect(403);
      expect(await pendingIds()).toEqual([requests.education.requestId, requests['labour-market'].requestId].sort());
      expect((await h.http.get(`/api/tasks/${taskId}`).expect(200)).body.task.dueAt).toBe(requests.education.dueAt);
    });

    it('grants: the proposed date, the chair e-mailed; then the request is gone from the list', async () => {
      const { taskId, requestId, proposed } = requests.education;
      const page = await committee.get(`/cycles/${cycleId}/extension-requests`).expect(200);
      const res = await committee
        .post(`/cycles/${cycleId}/extension-requests/${taskId}/${requestId}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), decision: 'grant', dueAt: '', reason: 'Board approval is a good reason' })
        .expect(303);
      expect(res.headers.location).toBe(`/cycles/${cycleId}/extension-requests?decided=${requestId}&task=${taskId}`);
      const done = await committee.get(res.headers.location).expect(200);
      expect(textOf(/<div class="notice"[\s\S]*?<\/div>/.exec(done.text)![0])).toBe(
        `Granted: Integration through education, Implementation report is now due ${dateTime(proposed)}. Anna Keller (chair.education@pact.example.eu), the chair, is e-mailed the new date and your reason.`,
      );
      expect(done.text).not.toContain(`data-request="${requestId}"`);
      const task = (await h.http.get(`/api/tasks/${taskId}`).expect(200)).body.task;
      expect(task.dueAt).toBe(proposed);
      expect(task.extensionRequests.find((r: any) => r.id === requestId)).toMatchObject({
        status: 'granted',
        decidedBy: 'committee:committee@test.example.org',
        decisionReason: 'Board approval is a good reason',
      });
      await h.waitFor('the chair’s e-mail', async () =>
        sink.to('chair.education@pact.example.eu').find((m) => m.headers.get('x-pact-kind') === 'extended' && (m.text ?? '').includes('Board approval')),
      );
      // Deciding it again: not waiting any more.
      const again = await committee
        .post(`/cycles/${cycleId}/extension-requests/${taskId}/${requestId}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), decision: 'refuse', reason: 'Changed our mind' })
        .expect(409);
      expect(formErrorsOf(again.text).summary['requests-list']).toContain('not waiting any more');
    });

    it('refuses with a reason: the date stays, a date typed in is not used, the chair is e-mailed', async () => {
      const { taskId, requestId, dueAt } = requests['labour-market'];
      const page = await committee.get(`/cycles/${cycleId}/extension-requests`).expect(200);
      const res = await committee
        .post(`/cycles/${cycleId}/extension-requests/${taskId}/${requestId}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), decision: 'refuse', dueAt: '2040-01-01', reason: 'The report is needed on time' })
        .expect(303);
      const done = await committee.get(res.headers.location).expect(200);
      expect(textOf(/<div class="notice"[\s\S]*?<\/div>/.exec(done.text)![0])).toBe(
        `Refused: Integration into the labour market, Implementation report stays due ${dateTime(dueAt)}. Marc Dubois (chair.labour@pact.example.eu), the chair, is e-mailed your refusal and your reason.`,
      );
      expect(done.text).toContain('No chair of this cycle is waiting for an answer to a request for more time.');
      expect((await h.http.get(`/api/tasks/${taskId}`).expect(200)).body.task.dueAt).toBe(dueAt);
      await h.waitFor('the refusal e-mail', async () =>
        sink.to('chair.labour@pact.example.eu').find((m) => m.headers.get('x-pact-kind') === 'extension-refused'),
      );
      expect(await pendingIds()).toEqual([]);
    });
  });

  it('every console form refuses a POST without its CSRF token (403) and changes nothing', async () => {
    const before = await cycleCount();
    const form = await committee.get('/cycles/new').expect(200);
    const fields: Fields = withFields(formFields(form.text, '/cycles/new'), { _csrf: null, name: 'No token', start: '2031-01-01' });
    await postForm(committee, '/cycles/new', [...fields, ['action', 'start']]).expect(403);
    await postForm(committee, '/cycles/new', [...fields, ['action', 'start'], ['_csrf', 'forged']]).expect(403);
    expect(await cycleCount()).toBe(before);
  });
});
