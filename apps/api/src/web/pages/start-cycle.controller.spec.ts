import { defaultMilestones } from '@pact/domain';
import { CycleService, ProgrammeCatalog, WorkingGroupService } from '@pact/engine';
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

  it('the Charter’s committee starts a round of its cities: the form asks for cities, carries the programme, and starting passes it on', async () => {
    pages.double(ProgrammeCatalog).list.mockReturnValue([
      { key: 'pact', name: 'European Pact for Integration', participantKind: 'working-group' },
      { key: 'charter', name: 'Integrating Cities Charter', participantKind: 'city' },
    ] as never);
    try {
      pages.signIn(aPerson({ committeeOf: ['charter'], programmes: ['charter'] }));
      const survey = [{ key: 'survey', title: 'Self-evaluation', kind: 'final' as const, requestMonth: 0, dueMonth: 4, compileMonth: 5 }];
      pages.double(CycleService).programmeMilestones.mockReturnValue(survey);
      const form = await pages.get('/cycles/new?programme=charter').expect(200);
      expect(pages.double(WorkingGroupService).activeIn).toHaveBeenCalledWith('charter');
      expect(pages.double(CycleService).programmeMilestones).toHaveBeenCalledWith('charter');
      expect(textOf(form.text)).toContain('Cities taking part');
      expect(textOf(form.text)).toContain('Integrating Cities Charter');
      expect(form.text).toContain('name="programme" value="charter"');

      pages.double(CycleService).preview.mockReturnValue({ problems: [], preview: { milestones: [] } } as never);
      pages.double(CycleService).create.mockResolvedValue({ id: 'round-1' } as never);
      const body = {
        programme: 'charter',
        name: 'Charter 2030',
        start: '2030-03-01',
        lengthMonths: '24',
        groups: 'education',
        reminderDaysBeforeDue: '14',
        'milestones-0-key': 'survey',
        'milestones-0-title': 'Self-evaluation',
        'milestones-0-kind': 'final',
        'milestones-0-requestAt': '0',
        'milestones-0-dueAt': '4',
        'milestones-0-compileAt': '5',
        'escalation-levels-0-daysAfterDue': '7',
        'escalation-levels-0-target': 'chair',
        action: 'start',
      };
      await pages.post('/cycles/new', body).expect(303);
      expect(pages.double(CycleService).create).toHaveBeenCalledWith(
        expect.objectContaining({ programme: 'charter', name: 'Charter 2030' }),
        expect.anything(),
        expect.anything(),
      );

      // The Pact's committee starts no round of the Charter: not offered, the 404 page.
      pages.signIn(aPerson());
      await pages.get('/cycles/new?programme=charter').expect(404);
      jest.clearAllMocks();
      await pages.post('/cycles/new', body).expect(404);
      expect(pages.double(CycleService).create).not.toHaveBeenCalled();
    } finally {
      pages.double(ProgrammeCatalog).list.mockReturnValue([{ key: 'pact', name: 'European Pact for Integration', participantKind: 'working-group' }] as never);
    }
  });
});
