import { emptyDraft, ReportDraft } from '@pact/domain';
import { CycleRepository, DraftRecord, DraftRepository, SubmissionRepository, TaskRepository } from '@pact/persistence';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import { aCycle, aRevision, aTask, IDS } from '../testing/fixtures';
import { newTestService } from '../testing/service-doubles';
import { DraftChangedError, DraftService } from './draft.service';
import { PreviousReportQuery } from './previous-report.query';

const NOW = new Date('2030-02-10T00:00:00Z');

function someDraft(over: Partial<ReportDraft> = {}): ReportDraft {
  return { ...emptyDraft(), measures: [{ title: 'Mentoring', status: '', description: '' }], ...over };
}

function stored(version: number, over: Partial<DraftRecord> = {}): DraftRecord {
  return { id: 'd1', taskId: IDS.task, cycleId: IDS.cycle, groupKey: 'education', content: someDraft(), version, savedAt: NOW, savedBy: 'chair:a', ...over };
}

function setUp() {
  const t = newTestService(DraftService, { now: NOW });
  const tasks = t.double(TaskRepository);
  const drafts = t.double(DraftRepository);
  tasks.findById.mockResolvedValue(aTask());
  t.double(CycleRepository).findById.mockResolvedValue(aCycle());
  return { ...t, tasks, drafts, submissions: t.double(SubmissionRepository), previous: t.double(PreviousReportQuery) };
}

describe('DraftService', () => {
  it('saves an incomplete draft, guarded by the version the writer read', async () => {
    const { service, drafts } = setUp();
    drafts.save.mockResolvedValue(stored(1));
    const saved = await service.save(IDS.task, someDraft(), 0, 'chair:a');
    expect(saved.version).toBe(1);
    expect(drafts.save).toHaveBeenCalledWith(IDS.task, 0, {
      cycleId: IDS.cycle,
      groupKey: 'education',
      content: someDraft(),
      savedAt: NOW,
      savedBy: 'chair:a',
    });
  });

  it('saves on a task and cycle the caller has read (the pages’ task context) without reading them again, with the same rules', async () => {
    const { service, drafts, tasks } = setUp();
    drafts.save.mockResolvedValue(stored(2));
    await expect(service.saveTo({ task: aTask(), cycle: aCycle() }, someDraft(), 1, 'chair:a')).resolves.toMatchObject({ version: 2 });
    expect(tasks.findById).not.toHaveBeenCalled();
    await expect(service.saveTo({ task: aTask({ status: 'cancelled' }), cycle: aCycle() }, someDraft(), 2, 'chair:a')).rejects.toBeInstanceOf(ConflictError);
    await expect(service.saveTo({ task: aTask(), cycle: aCycle() }, someDraft({ obstacles: ['x'.repeat(20_001)] }), 2, 'chair:a')).rejects.toBeInstanceOf(
      InvalidError,
    );
    expect(drafts.save).toHaveBeenCalledTimes(1);
  });

  it('a stale version overwrites nothing: DraftChangedError carries what is stored now', async () => {
    const { service, drafts } = setUp();
    drafts.save.mockResolvedValue(null);
    drafts.findByTask.mockResolvedValue(stored(4));
    const err = await service.save(IDS.task, someDraft(), 3, 'chair:b').catch((e) => e);
    expect(err).toBeInstanceOf(DraftChangedError);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.current.version).toBe(4);
  });

  it('refuses a draft beyond the template’s bounds, naming the field, without writing', async () => {
    const { service, drafts } = setUp();
    const m = { title: 'x', status: '', description: '' };
    await expect(service.save(IDS.task, someDraft({ measures: Array(101).fill(m) }), 0, 'chair:a')).rejects.toMatchObject({
      problems: [{ path: 'measures', rule: 'too-many' }],
    });
    await expect(service.save(IDS.task, someDraft({ obstacles: ['x'.repeat(20_001)] }), 0, 'chair:a')).rejects.toBeInstanceOf(InvalidError);
    expect(drafts.save).not.toHaveBeenCalled();
  });

  it('no drafts once submissions are closed (cancelled task or cycle); a submitted task can be revised', async () => {
    const { service, tasks, drafts, double } = setUp();
    tasks.findById.mockResolvedValueOnce(aTask({ status: 'cancelled' }));
    await expect(service.save(IDS.task, someDraft(), 0, 'chair:a')).rejects.toBeInstanceOf(ConflictError);
    double(CycleRepository).findById.mockResolvedValueOnce(aCycle({ status: 'cancelled' }));
    await expect(service.save(IDS.task, someDraft(), 0, 'chair:a')).rejects.toBeInstanceOf(ConflictError);
    tasks.findById.mockResolvedValueOnce(null);
    await expect(service.save(IDS.task, someDraft(), 0, 'chair:a')).rejects.toBeInstanceOf(NotFoundError);
    expect(drafts.save).not.toHaveBeenCalled();
    tasks.findById.mockResolvedValueOnce(aTask({ status: 'submitted', latestRevision: 1 }));
    drafts.save.mockResolvedValue(stored(2));
    await expect(service.save(IDS.task, someDraft(), 1, 'chair:a')).resolves.toMatchObject({ version: 2 });
  });

  it('clearing after a submission empties the draft, unless it changed meanwhile (newer work is kept)', async () => {
    const { service, drafts } = setUp();
    drafts.save.mockResolvedValueOnce(stored(3, { content: null }));
    expect(await service.clear(aTask(), 2, 'chair:a')).toBe(true);
    expect(drafts.save).toHaveBeenCalledWith(IDS.task, 2, expect.objectContaining({ content: null, startedFrom: null }));
    drafts.save.mockResolvedValueOnce(null);
    expect(await service.clear(aTask(), 2, 'chair:a')).toBe(false);
    expect(await service.clear(aTask(), 0, 'chair:a')).toBe(false);
  });

  it('starts from the latest revision: its answers as a draft, the origin noted', async () => {
    const { service, tasks, drafts, submissions } = setUp();
    tasks.findById.mockResolvedValue(aTask({ status: 'submitted', latestRevision: 2 }));
    submissions.findRevision.mockResolvedValue(aRevision(2));
    drafts.save.mockImplementation(async (_t: string, v: number, w: any) => stored(v + 1, w));
    const d = await service.startFrom(IDS.task, 'revision', 0, 'chair:a');
    expect(submissions.findRevision).toHaveBeenCalledWith(IDS.task, 2);
    expect(d.startedFrom).toEqual({ kind: 'revision', revision: 2 });
    expect(d.content?.measures).toEqual([{ title: 'Mentoring', status: 'in-progress', description: '' }]);
    expect(d.content?.customIndicators).toEqual([{ key: 'reach', name: 'People reached', unit: 'people', baseline: '100', target: '200', actual: '150' }]);
  });

  it('starts from the group’s report of the previous cycle, or says there is none', async () => {
    const { service, drafts, previous } = setUp();
    previous.find.mockResolvedValueOnce(null);
    await expect(service.startFrom(IDS.task, 'previous-cycle', 0, 'chair:a')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.startFrom(IDS.task, 'revision', 0, 'chair:a')).rejects.toBeInstanceOf(NotFoundError);
    previous.find.mockResolvedValue({
      cycleId: 'c0',
      cycleName: 'Pact 2028',
      milestoneKey: 'final',
      milestoneTitle: 'Final report',
      revision: 3,
      submittedAt: NOW,
      content: aRevision(3).content!,
    });
    drafts.save.mockImplementation(async (_t: string, v: number, w: any) => stored(v + 1, w));
    const d = await service.startFrom(IDS.task, 'previous-cycle', 5, 'chair:a');
    expect(drafts.save).toHaveBeenCalledWith(IDS.task, 5, expect.anything());
    expect(d.startedFrom).toEqual({ kind: 'previous-cycle', cycleId: 'c0', cycleName: 'Pact 2028', milestoneTitle: 'Final report', revision: 3 });
    expect(await service.sources(IDS.task)).toEqual({
      previousCycle: { cycleId: 'c0', cycleName: 'Pact 2028', milestoneTitle: 'Final report', revision: 3, submittedAt: NOW },
    });
  });
});

describe('PreviousReportQuery', () => {
  it('finds the group’s latest revision in the latest earlier cycle with a milestone of the same kind, passing over cancelled cycles and unreported milestones', async () => {
    const t = newTestService(PreviousReportQuery);
    const cycles = t.double(CycleRepository);
    const tasks = t.double(TaskRepository);
    const submissions = t.double(SubmissionRepository);
    const ms = (key: string, kind: 'final' | 'progress') => ({ key, title: key, kind, requestAt: NOW, dueAt: NOW, compileAt: NOW });
    cycles.listStartedBefore.mockResolvedValue([
      aCycle({ id: 'cancelled', status: 'cancelled', milestones: [ms('final', 'final')] }),
      aCycle({ id: 'unreported', name: 'Unreported', milestones: [ms('final', 'final')] }),
      aCycle({ id: 'progress-only', milestones: [ms('mid', 'progress')] }),
      aCycle({ id: 'earlier', name: 'Pact 2026', milestones: [ms('final', 'final')] }),
    ]);
    tasks.list.mockImplementation(async (f: { cycleId?: string }) =>
      f.cycleId === 'unreported' ? [aTask({ latestRevision: 0 })] : f.cycleId === 'earlier' ? [aTask({ id: 'old-task', latestRevision: 2 })] : [],
    );
    submissions.findRevision.mockResolvedValue(aRevision(2, { taskId: 'old-task' }));

    const found = await t.service.find(aTask(), aCycle({ start: new Date('2030-01-01T00:00:00Z') }));

    expect(found).toMatchObject({ cycleId: 'earlier', cycleName: 'Pact 2026', milestoneKey: 'final', revision: 2 });
    expect(tasks.list.mock.calls.map((c) => c[0].cycleId)).toEqual(['unreported', 'earlier']);
    expect(submissions.findRevision).toHaveBeenCalledWith('old-task', 2);
  });

  describe('a questionnaire round’s answers (a city’s self-evaluation)', () => {
    const questionnaire = {
      key: 'q',
      version: 1,
      name: { en: 'Q' },
      sections: [
        {
          key: 's',
          title: { en: 'S' },
          questions: [
            { key: 'take-part', type: 'yesNo', required: true, label: { en: 'Take part?' } },
            {
              key: 'a',
              type: 'rating',
              required: true,
              showWhen: { question: 'take-part', equals: true },
              label: { en: 'A' },
              levels: [{ key: 'fully', score: 1, label: { en: 'Fully' } }],
            },
          ],
        },
      ],
    } as never;
    const round = () => aCycle({ template: undefined, questionnaire });

    it('saves the answers as typed, keeping only those the answers show, guarded by version', async () => {
      const { service, drafts } = setUp();
      drafts.save.mockResolvedValue(stored(2, { content: null, answers: { 'take-part': false } }));
      await service.saveAnswersTo({ task: aTask(), cycle: round() }, { 'take-part': false, a: 'fully', stray: 1 }, 1, 'chair:a');
      expect(drafts.save).toHaveBeenCalledWith(IDS.task, 1, {
        cycleId: IDS.cycle,
        groupKey: 'education',
        content: null,
        answers: { 'take-part': false },
        savedAt: NOW,
        savedBy: 'chair:a',
      });
    });

    it('a report round refuses answers, a closed task refuses them too: nothing written', async () => {
      const { service, drafts } = setUp();
      await expect(service.saveAnswersTo({ task: aTask(), cycle: aCycle() }, {}, 1, 'chair:a')).rejects.toBeInstanceOf(InvalidError);
      await expect(service.saveAnswersTo({ task: aTask({ status: 'cancelled' }), cycle: round() }, {}, 1, 'chair:a')).rejects.toBeInstanceOf(ConflictError);
      expect(drafts.save).not.toHaveBeenCalled();
    });

    it('starts a round’s draft from the latest answers submitted', async () => {
      const { service, drafts, tasks, submissions, double } = setUp();
      tasks.findById.mockResolvedValue(aTask({ latestRevision: 2 }));
      double(CycleRepository).findById.mockResolvedValue(round());
      submissions.findRevision.mockResolvedValue(aRevision(2, { content: undefined, answers: { 'take-part': true, a: 'fully' } }));
      drafts.save.mockResolvedValue(stored(3));
      await service.startFrom(IDS.task, 'revision', 2, 'chair:a');
      expect(drafts.save).toHaveBeenCalledWith(
        IDS.task,
        2,
        expect.objectContaining({ content: null, answers: { 'take-part': true, a: 'fully' }, startedFrom: { kind: 'revision', revision: 2 } }),
      );
    });
  });
});
