import { dueDateWarnings, newDueDateProblems } from '@pact/domain';
import { ConflictError, CycleProgressQuery, DeadlineService, InvalidError, NotFoundError } from '@pact/engine';
import { aCycle, IDS } from '@pact/engine/testing/fixtures';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { expectFieldError } from '../testing/page-assertions';
import { anExtensionOutcome, anOverdueRequest } from '../testing/page-fixtures';

const TASK = IDS.task;
const cardOf = (html: string, taskId: string) => new RegExp(`<section class="card" data-task="${taskId}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';

describe('Overdue list (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages({ now: new Date('2030-01-15T09:00:00Z') });
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aPerson());
    pages.double(CycleProgressQuery).overdue.mockResolvedValue({ cycle: aCycle({ name: 'Pact 2030' }), items: [anOverdueRequest()] });
  });

  it('each overdue request with its dates in the reader’s zone, and a form saying beforehand who is told', async () => {
    pages.double(CycleProgressQuery).overdue.mockResolvedValue({
      cycle: aCycle({ name: 'Pact 2030' }),
      items: [
        anOverdueRequest(),
        anOverdueRequest({
          taskId: 'a'.repeat(24),
          groupKey: 'housing',
          fieldOfAction: 'Field housing',
          chair: null,
          escalationLevel: 0,
          extensions: 2,
          webhooksOnExtension: 3,
        }),
      ],
    });
    const res = await pages.get(`/cycles/${IDS.cycle}/overdue`).expect(200);
    expect(pages.double(CycleProgressQuery).overdue).toHaveBeenCalledWith(IDS.cycle);
    const first = cardOf(res.text, TASK);
    // Due at the end of 10 January in Berlin: 23:59:59 in Brussels, the reader's zone.
    expect(textOf(first)).toContain('Field education: Final report');
    expect(first).toContain('datetime="2030-01-10T22:59:59.000Z"');
    expect(textOf(first)).toMatch(/Was due January 10, 2030.*\(5 days overdue\)/);
    expect(textOf(first)).toContain('Escalation Escalated to level 1');
    expect(textOf(first)).toContain('Chair Anna Weber (anna.weber@example.org)');
    expect(first).toContain(`action="/cycles/${IDS.cycle}/overdue/${TASK}"`);
    expect(first).toContain(`name="_csrf" value="${pages.csrfToken()}"`);
    expect(textOf(first)).toContain('Anna Weber (anna.weber@example.org), the chair, is e-mailed the new date and the reason.');
    expect(textOf(first)).not.toContain('Webhook subscriptions');
    const second = textOf(cardOf(res.text, 'a'.repeat(24)));
    expect(second).toContain('Escalation Not escalated');
    expect(second).toContain('Extensions so far 2');
    expect(second).toContain('The working group has no chair to e-mail. Webhook subscriptions told as well: 3.');
  });

  it('empty: says nothing is overdue, with no form', async () => {
    pages.double(CycleProgressQuery).overdue.mockResolvedValue({ cycle: aCycle(), items: [] });
    const res = await pages.get(`/cycles/${IDS.cycle}/overdue`).expect(200);
    expect(textOf(res.text)).toContain('Nothing is overdue in this cycle.');
    expect(res.text).not.toContain('<form method="post" action="/cycles/');
  });

  it('a cycle no longer active lists what was overdue, read-only', async () => {
    for (const status of ['completed', 'cancelled'] as const) {
      pages.double(CycleProgressQuery).overdue.mockResolvedValue({ cycle: aCycle({ status }), items: [anOverdueRequest()] });
      const res = await pages.get(`/cycles/${IDS.cycle}/overdue`).expect(200);
      expect(cardOf(res.text, TASK)).toContain('Field education');
      expect(cardOf(res.text, TASK)).not.toContain('<form');
    }
  });

  it('after an extension: what the date now is, who was told, and what it means for the compilation', async () => {
    pages
      .double(CycleProgressQuery)
      .extensionOutcome.mockResolvedValue(
        anExtensionOutcome({ webhooks: 2, warnings: dueDateWarnings(new Date('2030-02-01T22:59:59Z'), new Date('2030-02-02T08:00:00Z')) }),
      );
    const res = await pages.get(`/cycles/${IDS.cycle}/overdue?extended=${TASK}`).expect(200);
    expect(pages.double(CycleProgressQuery).extensionOutcome).toHaveBeenCalledWith(IDS.cycle, TASK);
    const notice = textOf(/<div class="notice"[^>]*>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '');
    expect(notice).toMatch(/^Field education, Final report: now due February 1, 2030/);
    expect(notice).toContain('Anna Weber (anna.weber@example.org), the chair, is e-mailed the new date and the reason. Webhook subscriptions told as well: 2.');
    expect(notice).toContain('Note: the report is compiled on February 2, 2030');
  });

  it('a notice is asked only for a task id, and none shows for an extension no longer found', async () => {
    await pages.get(`/cycles/${IDS.cycle}/overdue?extended=%3Cscript%3E`).expect(200);
    expect(pages.double(CycleProgressQuery).extensionOutcome).not.toHaveBeenCalled();
    pages.double(CycleProgressQuery).extensionOutcome.mockResolvedValue(null);
    const res = await pages.get(`/cycles/${IDS.cycle}/overdue?extended=${TASK}`).expect(200);
    expect(res.text).not.toContain('class="notice"');
  });

  it('an unknown cycle is the 404 page', async () => {
    pages.double(CycleProgressQuery).overdue.mockRejectedValueOnce(new NotFoundError(`cycle ${IDS.cycle} does not exist`));
    const res = await pages.get(`/cycles/${IDS.cycle}/overdue`).expect(404);
    expect(textOf(res.text)).toContain('Page not found');
  });

  it('extends: the day typed, the reason and who did it go to the engine, then back to the list with the notice', async () => {
    await pages
      .post(`/cycles/${IDS.cycle}/overdue/${TASK}`, { dueAt: '2030-02-01', reason: ' Staff illness ' })
      .expect(303)
      .expect('Location', `/cycles/${IDS.cycle}/overdue?extended=${TASK}`);
    expect(pages.double(DeadlineService).extend).toHaveBeenCalledWith(
      TASK,
      { year: 2030, month: 2, day: 1 },
      'Staff illness',
      'committee:maria.rossi@example.org',
    );
  });

  it('bad input: 400, each error beside its field and in the summary, what was typed kept, nothing extended', async () => {
    const res = await pages.post(`/cycles/${IDS.cycle}/overdue/${TASK}`, { dueAt: 'next week', reason: 'x' }).expect(400);
    expectFieldError(res.text, `dueAt-${TASK}`, 'Enter the new due date as a date, for example 2031-03-15');
    expectFieldError(res.text, `reason-${TASK}`, 'Enter a reason of 3 to 2000 characters');
    expect(res.text).toMatch(new RegExp(`<input[^>]*id="dueAt-${TASK}"[^>]*value="next week"`));
    expect(res.text).toMatch(/<title>Error:/);
    expect(pages.double(DeadlineService).extend).not.toHaveBeenCalled();
  });

  it('a date the engine refuses (not after the current one) is said beside the date, naming the date in the reader’s zone', async () => {
    // The domain's own problem, as DeadlineService throws it.
    const current = { dueAt: new Date('2030-01-10T22:59:59Z'), now: new Date('2030-01-15T09:00:00Z'), compileAt: new Date('2030-06-01T00:00:00Z') };
    pages.double(DeadlineService).extend.mockRejectedValueOnce(new InvalidError(newDueDateProblems('dueAt', new Date('2030-01-05T22:59:59Z'), current)));
    const res = await pages.post(`/cycles/${IDS.cycle}/overdue/${TASK}`, { dueAt: '2030-01-05', reason: 'Staff illness' }).expect(400);
    expectFieldError(res.text, `dueAt-${TASK}`, 'The new due date must be after the current one (January 10, 2030 at 11:59 PM)');
  });

  it('a request no longer overdue, or one changed meanwhile, is a 409 saying so above the list', async () => {
    pages.double(CycleProgressQuery).overdue.mockResolvedValue({ cycle: aCycle(), items: [] });
    let res = await pages.post(`/cycles/${IDS.cycle}/overdue/${TASK}`, { dueAt: '2030-02-01', reason: 'Staff illness' }).expect(409);
    expect(res.text).toMatch(/<a href="#overdue-list">That report request is not overdue any more/);
    expect(pages.double(DeadlineService).extend).not.toHaveBeenCalled();

    pages.double(CycleProgressQuery).overdue.mockResolvedValue({ cycle: aCycle(), items: [anOverdueRequest()] });
    pages.double(DeadlineService).extend.mockRejectedValueOnce(new ConflictError('task changed'));
    res = await pages.post(`/cycles/${IDS.cycle}/overdue/${TASK}`, { dueAt: '2030-02-01', reason: 'Staff illness' }).expect(409);
    expect(res.text).toMatch(/<a href="#overdue-list">That report request changed while you were extending it/);
  });

  it('in German for a German reader', async () => {
    pages.signIn(aPerson({ language: 'de' }));
    const res = await pages.post(`/cycles/${IDS.cycle}/overdue/${TASK}`, { dueAt: '', reason: 'Staff illness' }).expect(400);
    expect(res.text).toContain('<html lang="de"');
    expect(textOf(cardOf(res.text, TASK))).toContain('5 Tage überfällig');
    expect(res.text).toMatch(new RegExp(`<a href="#dueAt-${TASK}">[^<]*Datum`));
  });

  it('is the committee’s: a chair gets the 403 page and nothing is read; a form without its token is refused', async () => {
    pages.signIn(aChair());
    const res = await pages.get(`/cycles/${IDS.cycle}/overdue`).expect(403);
    expect(textOf(res.text)).toContain('You cannot open this page');
    expect(pages.double(CycleProgressQuery).overdue).not.toHaveBeenCalled();
    pages.signIn(aPerson());
    await pages.post(`/cycles/${IDS.cycle}/overdue/${TASK}`, { dueAt: '2030-02-01', reason: 'Staff illness' }, { csrf: false }).expect(403);
    expect(pages.double(DeadlineService).extend).not.toHaveBeenCalled();
  });
});
