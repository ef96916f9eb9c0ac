import { taskKeys } from '@pact/domain';
import { networkQuestionnaire } from '@pact/domain/testing/network-report-fixture';
import { InvalidError } from '../errors';
import { CycleRepository, EventRepository, ReportRepository, SubmissionRepository, TaskRepository } from '@pact/persistence';
import { TimerScheduler } from '@pact/queues';
import { ObservationService } from '../observations/observation.service';
import { aCycle, aRevision, aTask, DUE, IDS, someContent } from '../testing/fixtures';
import { newTestService } from '../testing/service-doubles';
import { SubmissionService } from './submission.service';

function setUp(now: Date) {
  const t = newTestService(SubmissionService, { now });
  const tasks = t.double(TaskRepository);
  const cycles = t.double(CycleRepository);
  const submissions = t.double(SubmissionRepository);
  tasks.findById.mockResolvedValue(aTask());
  cycles.findById.mockResolvedValue(aCycle());
  t.double(EventRepository).append.mockResolvedValue(true);
  return { ...t, tasks, cycles, submissions, reports: t.double(ReportRepository), timers: t.double(TimerScheduler), events: t.double(EventRepository) };
}

describe('SubmissionService', () => {
  it('has the task number the revision and owe its key before storing it, then records it on the task', async () => {
    const { service, tasks, submissions, cycles } = setUp(new Date('2030-02-01T00:00:00Z'));
    const order: string[] = [];
    tasks.numberRevision.mockImplementation(async (_id, key) => (order.push(`number ${key(3)}`), { task: aTask(), revision: 3 }));
    submissions.insertRevision.mockImplementation(async (data, n) => (order.push(`store ${n}`), aRevision(n, data)));
    tasks.markSubmitted.mockResolvedValue(aTask({ status: 'submitted', latestRevision: 3, outbox: [taskKeys.submission(IDS.task, 3)] }));
    submissions.findRevision.mockResolvedValue(aRevision(3));
    cycles.countRevision.mockResolvedValue(aCycle());
    tasks.count.mockResolvedValue(1);

    const { submission, task } = await service.submit(IDS.task, someContent(), 'chair:anna@example.org');
    expect(order).toEqual([`number ${taskKeys.submission(IDS.task, 3)}`, 'store 3']);
    expect(submission.revision).toBe(3);
    expect(tasks.markSubmitted).toHaveBeenCalledWith(IDS.task, 3, expect.any(Date), expect.any(Function), taskKeys.submission(IDS.task, 3), expect.anything());
    expect(task.outbox).toEqual([]);
    expect(tasks.completeFollowUp).toHaveBeenCalledWith(IDS.task, taskKeys.submission(IDS.task, 3));
  });

  it('judges lateness against the due date in force when the task is updated (an extension meanwhile counts)', async () => {
    const now = new Date('2030-03-05T00:00:00Z');
    const { service, tasks, submissions, cycles } = setUp(now);
    tasks.numberRevision.mockResolvedValue({ task: aTask(), revision: 1 });
    submissions.insertRevision.mockImplementation(async (data, n) => aRevision(n, data));
    tasks.markSubmitted.mockResolvedValue(aTask({ status: 'submitted', latestRevision: 1 }));
    cycles.countRevision.mockResolvedValue(aCycle());
    await service.submit(IDS.task, someContent(), 'chair:x');
    const lateAgainst = tasks.markSubmitted.mock.calls[0][3] as (dueAt: Date) => boolean;
    expect(lateAgainst(DUE)).toBe(true); // 4 days after the original date
    expect(lateAgainst(new Date('2030-03-20T00:00:00Z'))).toBe(false); // extended meanwhile
    expect(submissions.insertRevision).toHaveBeenCalledWith(expect.objectContaining({ late: true }), 1);
  });

  it('numbers again when the number is taken (a revision stored before numbers came from the task)', async () => {
    const { service, tasks, submissions, cycles } = setUp(new Date('2030-02-01T00:00:00Z'));
    tasks.numberRevision.mockResolvedValueOnce({ task: aTask(), revision: 2 }).mockResolvedValueOnce({ task: aTask(), revision: 3 });
    submissions.insertRevision.mockResolvedValueOnce(null).mockImplementationOnce(async (data, n) => aRevision(n, data));
    tasks.markSubmitted.mockResolvedValue(aTask({ status: 'submitted', latestRevision: 3 }));
    cycles.countRevision.mockResolvedValue(aCycle());
    const { submission } = await service.submit(IDS.task, someContent(), 'chair:x');
    expect(submission.revision).toBe(3);
    expect(tasks.markSubmitted).toHaveBeenCalledTimes(1);
  });

  describe('resume (the sweep, for a key left owed)', () => {
    const key = taskKeys.submission(IDS.task, 4);

    it('brings a stored revision the task never took to the task, judged late by when it came, then follows it up', async () => {
      const { service, tasks, submissions, cycles, events } = setUp(new Date('2030-04-01T00:00:00Z'));
      const stored = aRevision(4, { submittedAt: new Date('2030-02-01T00:00:00Z') });
      submissions.findRevision.mockResolvedValue(stored);
      tasks.markSubmitted.mockResolvedValue(aTask({ status: 'submitted', latestRevision: 4, outbox: [key] }));
      cycles.countRevision.mockResolvedValue(aCycle());
      tasks.count.mockResolvedValue(1);
      await service.resume(aTask({ status: 'open', latestRevision: 3, outbox: [key] }), key);
      expect(tasks.markSubmitted).toHaveBeenCalledWith(IDS.task, 4, stored.submittedAt, expect.any(Function), key);
      const lateAgainst = tasks.markSubmitted.mock.calls[0][3] as (dueAt: Date) => boolean;
      expect(lateAgainst(DUE)).toBe(false); // stored before the due date, swept after it
      expect(events.append).toHaveBeenCalledWith(expect.objectContaining({ type: 'submission.received' }));
      expect(tasks.completeFollowUp).toHaveBeenCalledWith(IDS.task, key);
    });

    it('a revision the task already took is only followed up', async () => {
      const { service, tasks, submissions, cycles } = setUp(new Date('2030-04-01T00:00:00Z'));
      submissions.findRevision.mockResolvedValue(aRevision(4));
      cycles.countRevision.mockResolvedValue(aCycle());
      tasks.count.mockResolvedValue(1);
      await service.resume(aTask({ status: 'submitted', latestRevision: 4, outbox: [key] }), key);
      expect(tasks.markSubmitted).not.toHaveBeenCalled();
      expect(tasks.completeFollowUp).toHaveBeenCalledWith(IDS.task, key);
    });

    it('a number whose revision never came is given up and its key dropped', async () => {
      const { service, tasks, submissions, cycles } = setUp(new Date('2030-04-01T00:00:00Z'));
      submissions.findRevision.mockResolvedValue(null);
      submissions.abandonNumber.mockResolvedValue('abandoned');
      await service.resume(aTask({ status: 'open', latestRevision: 3, outbox: [key] }), key);
      expect(submissions.abandonNumber).toHaveBeenCalledWith(IDS.task, 4, expect.any(Date));
      expect(tasks.markSubmitted).not.toHaveBeenCalled();
      expect(cycles.countRevision).not.toHaveBeenCalled();
      expect(tasks.completeFollowUp).toHaveBeenCalledWith(IDS.task, key);
    });

    it('a revision stored while the number was being given up is followed up after all', async () => {
      const { service, tasks, submissions, cycles } = setUp(new Date('2030-04-01T00:00:00Z'));
      submissions.findRevision.mockResolvedValue(null);
      submissions.abandonNumber.mockResolvedValue(aRevision(4));
      tasks.markSubmitted.mockResolvedValue(aTask({ status: 'submitted', latestRevision: 4, outbox: [key] }));
      cycles.countRevision.mockResolvedValue(aCycle());
      tasks.count.mockResolvedValue(1);
      await service.resume(aTask({ status: 'open', latestRevision: 3, outbox: [key] }), key);
      expect(tasks.markSubmitted).toHaveBeenCalledWith(IDS.task, 4, expect.any(Date), expect.any(Function), key);
    });
  });

  it("records the revision's observations as a follow-up, before its key is completed (a crash in between leaves it for the sweep)", async () => {
    const { service, tasks, submissions, cycles, double } = setUp(new Date('2030-02-01T00:00:00Z'));
    const order: string[] = [];
    const cycle = aCycle();
    const revision = aRevision(2);
    submissions.findRevision.mockResolvedValue(revision);
    cycles.countRevision.mockResolvedValue(cycle);
    double(ObservationService).recordRevision.mockImplementation(async () => (order.push('observations'), 1));
    tasks.completeFollowUp.mockImplementation(async () => void order.push('complete'));
    const task = aTask({ status: 'submitted', latestRevision: 2 });
    await service.followUp(task, taskKeys.submission(IDS.task, 2));
    expect(double(ObservationService).recordRevision).toHaveBeenCalledWith(task, revision, undefined);
    expect(order).toEqual(['observations', 'complete']);
  });

  it('a revision counted after the milestone was compiled owes a recompilation', async () => {
    const { service, reports, timers, cycles, submissions } = setUp(new Date('2030-05-01T00:00:00Z'));
    submissions.findRevision.mockResolvedValue(aRevision(2));
    cycles.countRevision.mockResolvedValue(aCycle({ milestoneState: { final: { status: 'compiled', revisions: 5 } } }));
    reports.noteLateRevision.mockResolvedValue(2);
    await service.followUp(aTask({ status: 'submitted', latestRevision: 2 }), taskKeys.submission(IDS.task, 2));
    expect(timers.recompile).toHaveBeenCalledWith(IDS.cycle, 'final', 2);
    expect(timers.compileNow).not.toHaveBeenCalled();
  });

  it('a revision counted before compilation owes nothing itself; the last group in asks for compilation now, known from the cycle', async () => {
    const { service, reports, timers, cycles, tasks } = setUp(new Date('2030-02-01T00:00:00Z'));
    const requested = (submittedGroups: string[]) =>
      aCycle({ groupKeys: ['education', 'sport'], milestoneState: { final: { status: 'requested', keepsSubmittedGroups: true, submittedGroups } } });
    cycles.countRevision.mockResolvedValue(requested(['education']));
    await service.followUp(aTask({ status: 'submitted', latestRevision: 1 }), taskKeys.submission(IDS.task, 1));
    expect(cycles.countRevision).toHaveBeenCalledWith(IDS.cycle, 'final', 'education');
    expect(timers.compileNow).not.toHaveBeenCalled();

    cycles.countRevision.mockResolvedValue(requested(['sport', 'education']));
    await service.followUp(aTask({ status: 'submitted', latestRevision: 2 }), taskKeys.submission(IDS.task, 2));
    expect(reports.noteLateRevision).not.toHaveBeenCalled();
    expect(timers.compileNow).toHaveBeenCalledWith(IDS.cycle, 'final');
    // Nothing scanned the milestone's tasks.
    expect(tasks.count).not.toHaveBeenCalled();
  });

  it('a milestone requested before the submitted groups were kept counts its waiting tasks instead', async () => {
    const { service, timers, cycles, tasks } = setUp(new Date('2030-02-01T00:00:00Z'));
    cycles.countRevision.mockResolvedValue(aCycle({ milestoneState: { final: { status: 'requested', revisions: 3, submittedGroups: ['education'] } } }));
    tasks.count.mockResolvedValue(1);
    await service.followUp(aTask({ status: 'submitted', latestRevision: 1 }), taskKeys.submission(IDS.task, 1));
    expect(timers.compileNow).not.toHaveBeenCalled();
    tasks.count.mockResolvedValue(0);
    await service.followUp(aTask({ status: 'submitted', latestRevision: 1 }), taskKeys.submission(IDS.task, 1));
    expect(tasks.count).toHaveBeenCalledWith({ cycleId: IDS.cycle, milestoneKey: 'final', status: ['open', 'overdue'] });
    expect(timers.compileNow).toHaveBeenCalledWith(IDS.cycle, 'final');
  });

  it('submits to a task and cycle its caller has just read without reading them again; the same rules apply', async () => {
    const { service, tasks, cycles, submissions } = setUp(new Date('2030-02-01T00:00:00Z'));
    tasks.numberRevision.mockResolvedValue({ task: aTask(), revision: 1 });
    submissions.insertRevision.mockImplementation(async (data, n) => aRevision(n, data));
    tasks.markSubmitted.mockResolvedValue(aTask({ status: 'submitted', latestRevision: 1, outbox: [taskKeys.submission(IDS.task, 1)] }));
    cycles.countRevision.mockResolvedValue(aCycle());
    tasks.count.mockResolvedValue(1);
    const { submission } = await service.submitTo({ task: aTask(), cycle: aCycle() }, someContent(), 'chair:x');
    expect(submission.revision).toBe(1);
    expect(tasks.findById).not.toHaveBeenCalled();
    expect(cycles.findById).not.toHaveBeenCalled();
    await expect(service.submitTo({ task: aTask(), cycle: aCycle({ status: 'cancelled' }) }, someContent(), 'chair:x')).rejects.toMatchObject({
      kind: 'conflict',
    });
  });

  it('names the template rule each problem breaks (the pages word it without checking again)', async () => {
    const { service, submissions } = setUp(new Date('2030-02-01T00:00:00Z'));
    const twice = someContent().indicators[0];
    const content = { ...someContent(), indicators: [twice, twice] };
    await expect(service.submitTo({ task: aTask(), cycle: aCycle() }, content, 'chair:x')).rejects.toMatchObject({
      problems: [{ path: 'indicators[1].key', rule: 'indicator-twice' }],
    });
    expect(submissions.insertRevision).not.toHaveBeenCalled();
  });

  it('refuses content that breaks the template, naming the field, and stores nothing', async () => {
    const { service, submissions, tasks } = setUp(new Date('2030-02-01T00:00:00Z'));
    const twice = someContent().indicators[0];
    const content = { ...someContent(), indicators: [twice, twice] };
    await expect(service.submit(IDS.task, content, 'chair:x')).rejects.toMatchObject({
      kind: 'invalid',
      problems: [{ path: 'indicators[1].key', message: expect.stringMatching(/twice/) }],
    });
    expect(submissions.insertRevision).not.toHaveBeenCalled();
    expect(tasks.markSubmitted).not.toHaveBeenCalled();
  });
});

describe('SubmissionService on a questionnaire round', () => {
  const round = () => {
    const { template, ...rest } = aCycle();
    void template;
    return { ...rest, programme: 'charter', questionnaire: networkQuestionnaire() };
  };

  it('refuses answers naming every problem by its path, and numbers nothing', async () => {
    const { service, tasks, cycles, submissions } = setUp(new Date('2030-02-01T00:00:00Z'));
    cycles.findById.mockResolvedValue(round());
    const err = await service.submitAnswers(IDS.task, { 'take-part': true, communicate: 'sometimes', unknown: 1 }, 'chair:c').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidError);
    const paths = (err as InvalidError).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['answers.unknown', 'answers.communicate', 'answers.access']));
    expect(tasks.numberRevision).not.toHaveBeenCalled();
    expect(submissions.insertRevision).not.toHaveBeenCalled();
  });

  it('stores only the answers to questions shown (a city that declines keeps no rating it had typed)', async () => {
    const { service, tasks, cycles, submissions } = setUp(new Date('2030-02-01T00:00:00Z'));
    cycles.findById.mockResolvedValue(round());
    tasks.numberRevision.mockResolvedValue({ task: aTask(), revision: 1 });
    submissions.insertRevision.mockImplementation(async (data, n) => aRevision(n, data));
    tasks.markSubmitted.mockResolvedValue(aTask({ status: 'submitted', latestRevision: 1 }));
    cycles.countRevision.mockResolvedValue(round());
    await service.submitAnswers(IDS.task, { 'take-part': false, 'decline-reason': 'No staff this year', communicate: 'fully' }, 'chair:c');
    const stored = submissions.insertRevision.mock.calls[0][0];
    expect(stored.answers).toEqual({ 'take-part': false, 'decline-reason': 'No staff this year' });
    expect(stored.content).toBeUndefined();
  });

  it('refuses a report on a questionnaire round, and answers on a report round (400, saying which the round asks)', async () => {
    const { service, cycles } = setUp(new Date('2030-02-01T00:00:00Z'));
    cycles.findById.mockResolvedValue(round());
    await expect(service.submit(IDS.task, someContent(), 'chair:c')).rejects.toThrow(/questionnaire round/);
    cycles.findById.mockResolvedValue(aCycle());
    await expect(service.submitAnswers(IDS.task, { 'take-part': false }, 'chair:c')).rejects.toThrow(/report round/);
  });
});
