import { defaultMilestones } from '@pact/domain';
import { CycleService, WorkingGroupService } from '@pact/engine';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { aGroup } from '../testing/page-fixtures';

describe('Start a cycle (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aPerson());
    pages.double(WorkingGroupService).activeIn.mockResolvedValue([aGroup('education'), aGroup('housing')]);
    pages.double(CycleService).programmeMilestones.mockReturnValue(defaultMilestones());
    pages.double(CycleService).programmeTimeZone.mockReturnValue('Europe/Brussels');
    pages.double(CycleService).reportProgramme.mockReturnValue('pact');
  });

  it('the form, prefilled with the programme’s plan and every group', async () => {
    const res = await pages.get('/cycles/new').expect(200);
    expect(res.text).toMatch(/<input[^>]*name="groups"[^>]*value="housing"[^>]*checked/);
    expect(res.text).toContain(`name="_csrf" value="${pages.csrfToken()}"`);
  });

  it('bad input: 400 with the error summary linked to each field and the error beside it; nothing previewed or started', async () => {
    const res = await pages
      .post('/cycles/new', { name: '', start: 'someday', lengthMonths: '24', groups: 'education', reminderDaysBeforeDue: '14, 3', action: 'start' })
      .expect(400);
    expect(textOf(res.text)).toContain('There is a problem');
    expect(res.text).toContain('<a href="#name">Enter the name of the cycle</a>');
    expect(res.text).toContain('<a href="#start">Enter the start date as a date, for example 2031-01-01</a>');
    expect(res.text).toMatch(/<p class="error-message" id="name-error">[\s\S]*?Enter the name of the cycle/);
    expect(res.text).toMatch(/<input[^>]*id="name"[^>]*aria-invalid="true"/);
    expect(res.text).toMatch(/<title>Error:/);
    // What was typed comes back.
    expect(res.text).toMatch(/<input[^>]*id="start"[^>]*value="someday"/);
    expect(pages.double(CycleService).preview).not.toHaveBeenCalled();
    expect(pages.double(CycleService).create).not.toHaveBeenCalled();
  });

  it('each row’s errors name their row; the plan’s problems are said by their rule, beside the input of the path they name', async () => {
    const base = {
      name: 'Pact 2030',
      start: '2030-03-01',
      lengthMonths: '24',
      groups: 'education',
      reminderDaysBeforeDue: '14',
      'escalation-levels-0-daysAfterDue': '7',
      'escalation-levels-0-target': 'chair',
    };
    const row = { 'milestones-0-title': 'Mid-term', 'milestones-0-kind': 'progress', 'milestones-0-requestAt': '6', 'milestones-0-dueAt': '30' };
    const bad = await pages.post('/cycles/new', { ...base, ...row, 'milestones-0-key': 'Mid Term', 'milestones-0-requestAt': 'six' }).expect(400);
    expect(bad.text).toContain(
      '<a href="#milestones-0-key">Enter the short key of milestone 1 as lowercase letters, digits and dashes, starting with a letter</a>',
    );
    expect(bad.text).toContain('<a href="#milestones-0-requestAt">Enter the month milestone 1 is requested in as a whole number from 0 to 120</a>');
    expect(bad.text).toMatch(/<input[^>]*id="milestones-0-requestAt"[^>]*value="six"/);
    expect(pages.double(CycleService).preview).not.toHaveBeenCalled();

    pages.double(CycleService).preview.mockReturnValue({
      problems: [{ path: 'milestones[0].dueDaysAfterRequest', message: 'due after the cycle ends (2032-02-29T23:00:00.000Z)', code: 'due-after-end' }],
    } as never);
    const plan = await pages.post('/cycles/new', { ...base, ...row, 'milestones-0-key': 'mid-term' }).expect(400);
    expect(plan.text).toMatch(
      /<a href="#milestones-0-dueAt">Milestone 1 would be due after the cycle ends \([^)]+\); make it due earlier or the cycle longer<\/a>/,
    );
    expect(pages.double(CycleService).create).not.toHaveBeenCalled();
  });

  it('a form without its CSRF token is refused before anything runs', async () => {
    const res = await pages.post('/cycles/new', { name: 'Pact 2030' }, { csrf: false }).expect(403);
    expect(textOf(res.text)).toContain('This form could not be sent');
    expect(pages.double(WorkingGroupService).list).not.toHaveBeenCalled();
  });

  it('is the committee’s: a chair gets the 403 page', async () => {
    pages.signIn(aChair());
    await pages.get('/cycles/new').expect(403);
  });
});
