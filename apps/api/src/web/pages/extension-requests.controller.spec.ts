import { newDueDateProblems } from '@pact/domain';
import { ConflictError, CycleProgressQuery, CycleService, ExtensionRequestService, InvalidError, NotFoundError } from '@pact/engine';
import { aCycle, IDS } from '@pact/engine/testing/fixtures';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { expectFieldError } from '../testing/page-assertions';
import { anExtensionOutcome, aPendingRequest } from '../testing/page-fixtures';

const REQUEST = aPendingRequest().id;
const TASK = IDS.task;
const DECIDE = `/cycles/${IDS.cycle}/extension-requests/${TASK}/${REQUEST}`;
const cardOf = (html: string, id: string) =>
  new RegExp(`<section class="card card-request" data-request="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
const anna = { name: 'Anna Weber', email: 'anna.weber@example.org', language: 'de' as const };

describe('Requests for more time (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages({ now: new Date('2030-01-15T09:00:00Z') });
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aPerson());
    pages.double(CycleService).getFor.mockResolvedValue(aCycle({ name: 'Pact 2030' }));
    pages.double(ExtensionRequestService).pending.mockResolvedValue([aPendingRequest()]);
    pages.double(CycleProgressQuery).decisionAudience.mockResolvedValue(new Map([['education', { chair: anna, webhooksOnGrant: 2, webhooksOnRefusal: 0 }]]));
  });

  it('each request: the date now and the one asked for, the chair’s reason, who asked, and who hears of each decision', async () => {
    pages
      .double(ExtensionRequestService)
      .pending.mockResolvedValue([
        aPendingRequest(),
        aPendingRequest({ id: 'b'.repeat(24), taskId: 'c'.repeat(24), groupKey: 'housing', fieldOfAction: 'Field housing', taskStatus: 'overdue' }),
      ]);
    const res = await pages.get(`/cycles/${IDS.cycle}/extension-requests`).expect(200);
    expect(pages.double(ExtensionRequestService).pending).toHaveBeenCalledWith({ cycleId: IDS.cycle });
    expect(pages.double(CycleProgressQuery).decisionAudience).toHaveBeenCalledWith(['education', 'housing']);
    const card = textOf(cardOf(res.text, REQUEST));
    expect(card).toContain('Field education: Final report');
    expect(card).toContain('Due now January 10, 2030 Date asked for February 1, 2030');
    expect(card).not.toContain('Overdue');
    expect(card).toContain("The chair's reason Our data arrives late");
    expect(card).toContain('Asked by anna.weber@example.org, January 8, 2030');
    expect(card).toContain(
      'Grant Anna Weber (anna.weber@example.org), the chair, is e-mailed the new date and your reason; reminders and escalations move to it. Webhook subscriptions told as well: 2.',
    );
    expect(card).toMatch(
      /Refuse Anna Weber \(anna\.weber@example\.org\), the chair, is e-mailed your refusal and your reason; the due date stays\. New due date/,
    );
    expect(cardOf(res.text, REQUEST)).toContain(`action="${DECIDE}"`);
    expect(cardOf(res.text, REQUEST)).toContain(`name="_csrf" value="${pages.csrfToken()}"`);
    // A group without a chair (no audience read for it): nobody to e-mail, said on both choices.
    const other = textOf(cardOf(res.text, 'b'.repeat(24)));
    expect(other).toContain('Overdue');
    expect(other.match(/The working group has no chair to e-mail\./g)).toHaveLength(2);
  });

  it('empty: says no chair is waiting, with no form', async () => {
    pages.double(ExtensionRequestService).pending.mockResolvedValue([]);
    const res = await pages.get(`/cycles/${IDS.cycle}/extension-requests`).expect(200);
    expect(textOf(res.text)).toContain('No chair of this cycle is waiting for an answer to a request for more time.');
    expect(res.text).not.toContain(`action="/cycles/${IDS.cycle}/extension-requests/`);
  });

  it('a cycle no longer active shows the requests without a decision form', async () => {
    pages.double(CycleService).getFor.mockResolvedValue(aCycle({ status: 'completed' }));
    const res = await pages.get(`/cycles/${IDS.cycle}/extension-requests`).expect(200);
    expect(cardOf(res.text, REQUEST)).toContain('Our data arrives late');
    expect(cardOf(res.text, REQUEST)).not.toContain('<form');
  });

  it('after a decision: granted or refused, the date it leaves, and who was told', async () => {
    const granted = anExtensionOutcome({ request: { ...aPendingRequest(), status: 'granted' }, webhooks: 1 });
    pages.double(CycleProgressQuery).extensionOutcome.mockResolvedValue(granted);
    let res = await pages.get(`/cycles/${IDS.cycle}/extension-requests?decided=${REQUEST}&task=${TASK}`).expect(200);
    expect(pages.double(CycleProgressQuery).extensionOutcome).toHaveBeenCalledWith(IDS.cycle, TASK, REQUEST);
    let notice = textOf(/<div class="notice"[^>]*>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '');
    expect(notice).toMatch(/^Granted: Field education, Final report is now due February 1, 2030/);
    expect(notice).toContain(
      'Anna Weber (anna.weber@example.org), the chair, is e-mailed the new date and your reason. Webhook subscriptions told as well: 1.',
    );

    pages
      .double(CycleProgressQuery)
      .extensionOutcome.mockResolvedValue({ ...granted, request: { ...aPendingRequest(), status: 'refused' }, chair: null, webhooks: 0 });
    res = await pages.get(`/cycles/${IDS.cycle}/extension-requests?decided=${REQUEST}&task=${TASK}`).expect(200);
    notice = textOf(/<div class="notice"[^>]*>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '');
    expect(notice).toMatch(/^Refused: Field education, Final report stays due February 1, 2030/);
    expect(notice).toContain('The working group has no chair to e-mail.');
  });

  it('no notice without both ids, nor for an outcome that names no request', async () => {
    await pages.get(`/cycles/${IDS.cycle}/extension-requests?decided=${REQUEST}`).expect(200);
    expect(pages.double(CycleProgressQuery).extensionOutcome).not.toHaveBeenCalled();
    pages.double(CycleProgressQuery).extensionOutcome.mockResolvedValue(anExtensionOutcome({ request: null }));
    const res = await pages.get(`/cycles/${IDS.cycle}/extension-requests?decided=${REQUEST}&task=${TASK}`).expect(200);
    expect(res.text).not.toContain('class="notice"');
  });

  it('grants the date asked for when no other is typed, then shows the list with the notice', async () => {
    await pages
      .post(DECIDE, { decision: 'grant', dueAt: '', reason: 'Fine by us' })
      .expect(303)
      .expect('Location', `/cycles/${IDS.cycle}/extension-requests?decided=${REQUEST}&task=${TASK}`);
    expect(pages.double(ExtensionRequestService).decide).toHaveBeenCalledWith(
      TASK,
      REQUEST,
      { grant: true, dueAt: undefined, reason: 'Fine by us' },
      'committee:maria.rossi@example.org',
    );
  });

  it('grants another day than asked; a refusal leaves out a date typed in the (always shown) field', async () => {
    await pages.post(DECIDE, { decision: 'grant', dueAt: '2030-02-15', reason: 'Two more weeks' }).expect(303);
    expect(pages.double(ExtensionRequestService).decide).toHaveBeenLastCalledWith(
      TASK,
      REQUEST,
      { grant: true, dueAt: { year: 2030, month: 2, day: 15 }, reason: 'Two more weeks' },
      expect.any(String),
    );
    await pages.post(DECIDE, { decision: 'refuse', dueAt: '2030-02-15', reason: 'Not this time' }).expect(303);
    expect(pages.double(ExtensionRequestService).decide).toHaveBeenLastCalledWith(
      TASK,
      REQUEST,
      { grant: false, dueAt: undefined, reason: 'Not this time' },
      expect.any(String),
    );
  });

  it('bad input: 400, each error beside its field and in the summary, what was typed kept, nothing decided', async () => {
    const res = await pages.post(DECIDE, { decision: 'maybe', dueAt: 'later', reason: 'x' }).expect(400);
    expectFieldError(res.text, `decision-${REQUEST}`, 'Choose whether to grant or refuse the request');
    expectFieldError(res.text, `reason-${REQUEST}`, 'Enter a reason of 3 to 2000 characters');
    expect(res.text).toMatch(new RegExp(`<input[^>]*id="reason-${REQUEST}"[^>]*value="x"`));
    expect(pages.double(ExtensionRequestService).decide).not.toHaveBeenCalled();

    const grant = await pages.post(DECIDE, { decision: 'grant', dueAt: 'later', reason: 'Fine by us' }).expect(400);
    expectFieldError(grant.text, `dueAt-${REQUEST}`, 'Enter the new due date as a date, for example 2031-03-15');
    expect(grant.text).toMatch(new RegExp(`id="decision-${REQUEST}" name="decision" type="radio" value="grant" checked`));
  });

  it('a date the engine refuses (after the compilation) is said beside the date', async () => {
    const current = { dueAt: new Date('2030-01-10T22:59:59Z'), now: new Date('2030-01-15T09:00:00Z'), compileAt: new Date('2030-06-01T00:00:00Z') };
    pages
      .double(ExtensionRequestService)
      .decide.mockRejectedValueOnce(new InvalidError(newDueDateProblems('dueAt', new Date('2030-07-01T21:59:59Z'), current)));
    const res = await pages.post(DECIDE, { decision: 'grant', dueAt: '2030-07-01', reason: 'Fine by us' }).expect(400);
    expectFieldError(res.text, `dueAt-${REQUEST}`, 'The new due date cannot be after the report is compiled (June 1, 2030 at 2:00 AM)');
  });

  it('a request no longer pending, or decided meanwhile, is a 409 saying so above the list; an unknown cycle a 404', async () => {
    pages.double(ExtensionRequestService).pending.mockResolvedValue([]);
    let res = await pages.post(DECIDE, { decision: 'grant', reason: 'Fine by us' }).expect(409);
    expect(res.text).toMatch(/<a href="#requests-list">That request is not waiting any more/);
    expect(pages.double(ExtensionRequestService).decide).not.toHaveBeenCalled();

    pages.double(CycleService).getFor.mockRejectedValueOnce(new NotFoundError(`cycle ${IDS.cycle} does not exist`));
    await pages.post(DECIDE, { decision: 'grant', reason: 'Fine by us' }).expect(404);

    pages.double(CycleService).getFor.mockResolvedValue(aCycle());
    pages.double(ExtensionRequestService).pending.mockResolvedValue([aPendingRequest()]);
    pages.double(ExtensionRequestService).decide.mockRejectedValueOnce(new ConflictError('already decided'));
    res = await pages.post(DECIDE, { decision: 'grant', reason: 'Fine by us' }).expect(409);
    expect(res.text).toMatch(/<a href="#requests-list">That request was decided, or its report changed, while you were deciding/);
  });

  it('in German for a German reader', async () => {
    pages.signIn(aPerson({ language: 'de' }));
    const res = await pages.get(`/cycles/${IDS.cycle}/extension-requests`).expect(200);
    expect(res.text).toContain('<html lang="de"');
    expect(textOf(cardOf(res.text, REQUEST))).toContain('10. Januar 2030');
  });

  it('is the committee’s: a chair gets the 403 page and nothing is read or decided', async () => {
    pages.signIn(aChair());
    await pages.get(`/cycles/${IDS.cycle}/extension-requests`).expect(403);
    await pages.post(DECIDE, { decision: 'grant', reason: 'Fine by us' }).expect(403);
    expect(pages.double(ExtensionRequestService).pending).not.toHaveBeenCalled();
    expect(pages.double(ExtensionRequestService).decide).not.toHaveBeenCalled();
  });
});
