import { compileNetworkReport, cycleKeys } from '@pact/domain';
import { networkInput, networkQuestionnaire } from '@pact/domain/testing/network-report-fixture';
import {
  CycleRepository,
  EventRepository,
  ReportRecord,
  ReportRepository,
  SubmissionRepository,
  TaskRepository,
  WorkingGroupRepository,
} from '@pact/persistence';
import { TimerScheduler } from '@pact/queues';
import { NotificationService } from '../notifications/notification.service';
import { aCycle, aRevision, aTask, IDS } from '../testing/fixtures';
import { newTestService } from '../testing/service-doubles';
import { CompilationService } from './compilation.service';
import { HistoryService } from '../history/history.service';

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const i of items) yield i;
}

function setUp() {
  const t = newTestService(CompilationService, { now: new Date('2030-06-01T00:00:00Z') });
  const cycles = t.double(CycleRepository);
  const tasks = t.double(TaskRepository);
  const reports = t.double(ReportRepository);
  const submissions = t.double(SubmissionRepository);
  const events = t.double(EventRepository);
  t.double(WorkingGroupRepository).findByKeys.mockResolvedValue([
    { key: 'education', programme: 'pact', fieldOfAction: 'Education', goal: '', chair: { name: 'A', email: 'a@example.org', language: 'en' } },
  ]);
  t.double(NotificationService).committee.mockReturnValue([]);
  tasks.stream.mockImplementation(() => from([aTask({ status: 'submitted', latestRevision: 2, submittedAt: new Date('2030-02-01T00:00:00Z') })]));
  submissions.streamByMilestone.mockImplementation(() => from([aRevision(1), aRevision(2)]));
  events.streamByCycle.mockImplementation(() => from([]));
  events.append.mockResolvedValue(true);
  const history = t.double(HistoryService);
  history.latestBefore.mockResolvedValue(null);
  return { ...t, cycles, tasks, reports, submissions, events, history, timers: t.double(TimerScheduler) };
}

const stored = (over: Partial<ReportRecord> = {}): ReportRecord => ({
  id: 'r',
  cycleId: IDS.cycle,
  milestoneKey: 'final',
  milestoneKind: 'final',
  compiledAt: new Date('2030-06-01T00:00:00Z'),
  report: { coverage: { onTime: 1, late: 0, missing: 0 } } as ReportRecord['report'],
  ...over,
});

describe('CompilationService', () => {
  it('compiles the latest revision of each task, stores the revision count it began with, and marks the milestone compiled', async () => {
    const { service, cycles, reports, timers } = setUp();
    cycles.findById.mockResolvedValue(aCycle({ milestoneState: { final: { status: 'requested', revisions: 2 } } }));
    cycles.transitionMilestone.mockResolvedValue(aCycle({ milestoneState: { final: { status: 'compiled', revisions: 2 } } }));
    reports.find.mockResolvedValueOnce(null).mockResolvedValue(stored({ revisionsIncluded: 2 }));

    const report = await service.compile(IDS.cycle, 'final');
    expect(report!.coverage.byGroup).toEqual([expect.objectContaining({ groupKey: 'education', revision: 2, state: 'on-time' })]);
    expect(reports.save).toHaveBeenCalledWith(expect.objectContaining({ milestoneKey: 'final' }), 0, 2, { programme: 'pact' });
    expect(cycles.transitionMilestone).toHaveBeenCalledWith(IDS.cycle, 'final', ['requested'], 'compiled', expect.any(Date), cycleKeys.compiled('final'));
    expect(timers.recompile).not.toHaveBeenCalled();
    expect(cycles.completeFollowUp).toHaveBeenCalledWith(IDS.cycle, cycleKeys.compiled('final'));
  });

  it('revisions counted while it compiled (more at the transition than at the start) owe a recompilation', async () => {
    const { service, cycles, reports, timers } = setUp();
    cycles.findById.mockResolvedValue(aCycle({ milestoneState: { final: { status: 'requested', revisions: 2 } } }));
    cycles.transitionMilestone.mockResolvedValue(aCycle({ milestoneState: { final: { status: 'compiled', revisions: 3 } } }));
    reports.find.mockResolvedValueOnce(null).mockResolvedValue(stored({ revisionsIncluded: 2 }));
    reports.noteLateRevision.mockResolvedValue(1);

    await service.compile(IDS.cycle, 'final');
    expect(reports.noteLateRevision).toHaveBeenCalledWith(IDS.cycle, 'final', 'revisions-3');
    expect(timers.recompile).toHaveBeenCalledWith(IDS.cycle, 'final', 1);
  });

  it('run again on a compiled milestone with late revisions noted, it recompiles (guarded by the count)', async () => {
    const { service, cycles, reports, events } = setUp();
    cycles.findById.mockResolvedValue(
      aCycle({ milestoneState: { final: { status: 'compiled', revisions: 3, compiledAt: new Date('2030-05-01T00:00:00Z') } } }),
    );
    reports.find.mockResolvedValue(stored({ lateRevisions: 1, lateRevisionsCompiled: 0, revisionsIncluded: 2 }));
    reports.saveRecompiled.mockResolvedValue(true);

    await service.compile(IDS.cycle, 'final');
    expect(reports.saveRecompiled).toHaveBeenCalledWith(expect.anything(), 1, 3, { programme: 'pact' });
    expect(events.append).toHaveBeenCalledWith(expect.objectContaining({ type: 'report.recompiled' }));
    expect(reports.save).not.toHaveBeenCalled();
  });

  it('run again on a compiled milestone with nothing new, it only redoes the idempotent follow-ups', async () => {
    const { service, cycles, reports, events } = setUp();
    cycles.findById.mockResolvedValue(aCycle({ milestoneState: { final: { status: 'compiled', revisions: 2 } } }));
    reports.find.mockResolvedValue(stored({ lateRevisions: 0, lateRevisionsCompiled: 0, revisionsIncluded: 2 }));

    await service.compile(IDS.cycle, 'final');
    expect(reports.save).not.toHaveBeenCalled();
    expect(reports.saveRecompiled).not.toHaveBeenCalled();
    expect(events.append).toHaveBeenCalledWith(expect.objectContaining({ type: 'report.compiled', dedupeKey: `report-compiled-${IDS.cycle}-final` }));
  });
});

describe('CompilationService on a questionnaire round', () => {
  it('stores the network report beside the coverage, comparing with the programme’s previous round as compiled', async () => {
    const { service, cycles, reports, submissions, tasks } = setUp();
    const { template, ...rest } = aCycle({ milestoneState: { final: { status: 'requested', revisions: 1 } } });
    void template;
    const round = { ...rest, programme: 'charter', groupKeys: ['education'], questionnaire: networkQuestionnaire() };
    cycles.findById.mockResolvedValue(round);
    cycles.transitionMilestone.mockResolvedValue(null);
    tasks.stream.mockImplementation(() => from([aTask({ status: 'submitted', latestRevision: 1, submittedAt: new Date('2030-02-01T00:00:00Z') })]));
    const { content, ...answered } = aRevision(1);
    void content;
    submissions.streamByMilestone.mockImplementation(() =>
      from([{ ...answered, answers: { 'take-part': true, communicate: 'fully', access: 'partly', needs: 'not-yet' } }]),
    );
    const before = compileNetworkReport({ ...networkInput(false), participants: [{ key: 'education', name: 'Education', country: 'DE', size: 'small' }] });
    reports.find.mockResolvedValue(null);
    reports.previousOfKind.mockResolvedValue(stored({ cycleId: 'before', programme: 'charter', network: before }));

    const report = await service.compile(IDS.cycle, 'final');
    expect(report!.coverage.onTime).toBe(1);
    expect(reports.previousOfKind).toHaveBeenCalledWith('final', 'charter', IDS.cycle, expect.any(Date));
    const [, , , extras] = reports.save.mock.calls[0];
    expect(extras.programme).toBe('charter');
    expect(extras.network!.participation).toMatchObject({ signatories: 1, tookPart: 1 });
    expect(extras.network!.previousCycle).toEqual(before.cycle);
    // "education" said nothing in the round before: every rating is new.
    expect(extras.network!.change!.byCity.map((c) => c.direction)).toEqual(['new', 'new', 'new']);
  });

  it('compares with the imported history when no round ran here since (the trend starts at 2013, not at the first round)', async () => {
    const { service, cycles, reports, submissions, tasks, history } = setUp();
    const { template, ...rest } = aCycle({ milestoneState: { final: { status: 'requested', revisions: 1 } } });
    void template;
    cycles.findById.mockResolvedValue({ ...rest, programme: 'charter', groupKeys: ['education'], questionnaire: networkQuestionnaire() });
    cycles.transitionMilestone.mockResolvedValue(null);
    tasks.stream.mockImplementation(() => from([aTask({ status: 'submitted', latestRevision: 1, submittedAt: new Date('2030-02-01T00:00:00Z') })]));
    const { content, ...answered } = aRevision(1);
    void content;
    submissions.streamByMilestone.mockImplementation(() =>
      from([{ ...answered, answers: { 'take-part': true, communicate: 'fully', access: 'partly', needs: 'not-yet' } }]),
    );
    reports.find.mockResolvedValue(null);
    reports.previousOfKind.mockResolvedValue(null);
    history.latestBefore.mockResolvedValue({
      year: 2022,
      answers: { education: { 'take-part': true, communicate: 'partly', access: 'partly', needs: 'fully' } },
    });

    await service.compile(IDS.cycle, 'final');
    expect(history.latestBefore).toHaveBeenCalledWith('charter', 2030);
    const network = reports.save.mock.calls[0][3].network!;
    expect(network.previousCycle).toEqual({ id: 'history-2022', name: '2022', period: '2022' });
    expect(network.change!.byCity.map((c) => [c.commitment, c.direction])).toEqual([
      ['communicate', 'up'],
      ['access', 'same'],
      ['needs', 'down'],
    ]);
  });
});
