import { taskKeys } from '@pact/domain';
import { CycleRecord, CycleRepository, EventRepository, TaskRecord, TaskRepository } from '@pact/persistence';
import { TimerScheduler } from '@pact/queues';
import { InvalidError } from '../errors';
import { NotificationService } from '../notifications/notification.service';
import { newTestService } from '../testing/service-doubles';
import { DeadlineService } from './deadline.service';

const TASK = '65f1a2b3c4d5e6f708192a3b';
const CYCLE = '65f1a2b3c4d5e6f708192a3c';
const DUE = new Date('2030-03-01T00:00:00Z');

function cycle(): CycleRecord {
  return {
    id: CYCLE,
    name: 'Cycle',
    programme: 'pact',
    status: 'running',
    start: new Date('2030-01-01'),
    end: new Date('2031-01-01'),
    lengthMonths: 12,
    milestones: [{ key: 'final', title: 'Final', kind: 'final', requestAt: new Date('2030-01-01'), dueAt: DUE, compileAt: new Date('2030-06-01') }],
    reminderDaysBeforeDue: [14, 3],
    escalation: {
      levels: [
        { level: 1, daysAfterDue: 0, target: 'chair' },
        { level: 2, daysAfterDue: 7, target: 'committee' },
      ],
    },
    groupKeys: ['education'],
    template: {} as CycleRecord['template'],
    milestoneState: { final: { status: 'requested' } },
    createdAt: new Date('2030-01-01'),
  };
}

function task(over: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: TASK,
    cycleId: CYCLE,
    programme: 'pact',
    milestoneKey: 'final',
    groupKey: 'education',
    status: 'open',
    requestedAt: new Date('2030-01-01'),
    dueAt: DUE,
    originalDueAt: DUE,
    dueVersion: 0,
    escalationLevel: 0,
    firedTimers: [],
    extensions: [],
    late: false,
    latestRevision: 0,
    outbox: [],
    ...over,
  };
}

const job = (kind: 'reminder' | 'escalate', index: number, dueVersion = 0) => ({
  taskId: TASK,
  cycleId: CYCLE,
  dueVersion,
  timerKey: kind === 'reminder' ? taskKeys.reminder(TASK, dueVersion, index) : taskKeys.escalation(TASK, dueVersion, index),
  index,
  fireAt: DUE.toISOString(),
});

function setUp() {
  const t = newTestService(DeadlineService, { now: new Date('2030-03-10T00:00:00Z') });
  const tasks = t.double(TaskRepository);
  const events = t.double(EventRepository);
  const notifications = t.double(NotificationService);
  t.double(CycleRepository).findById.mockResolvedValue(cycle());
  notifications.chairOf.mockResolvedValue([{ name: 'Anna', email: 'anna@example.org', language: 'de', timeZone: 'Europe/Berlin' }]);
  events.append.mockResolvedValue(true);
  return { ...t, tasks, events, notifications, timers: t.double(TimerScheduler) };
}

describe('DeadlineService', () => {
  it('catches up missed levels in order: a late level-2 timer first applies level 1, the chair hears before the committee', async () => {
    const { service, tasks, events, notifications, timers } = setUp();
    tasks.findById.mockResolvedValue(task({ status: 'overdue', firedTimers: [taskKeys.overdue(TASK, 0)] }));
    tasks.escalate.mockImplementation(async (_id: string, _v: number, level: number, key: string) =>
      task({ status: 'overdue', escalationLevel: level, firedTimers: [key], outbox: [key] }),
    );

    expect(await service.escalate(job('escalate', 2))).toBe(true);

    expect(tasks.escalate.mock.calls.map((c) => c[2])).toEqual([1, 2]);
    expect(events.append.mock.calls.map((c) => [c[0].type, (c[0].data as { level: number }).level])).toEqual([
      ['task.escalated', 1],
      ['task.escalated', 2],
    ]);
    expect(notifications.send.mock.calls.map((c) => [c[0].audience, c[1]])).toEqual([
      ['chair', taskKeys.escalation(TASK, 0, 1)],
      ['committee', taskKeys.escalation(TASK, 0, 2)],
    ]);
    expect(timers.scheduleCommitteeSummary).toHaveBeenCalledWith(CYCLE);
    expect(tasks.completeFollowUp.mock.calls.map((c) => c[1])).toEqual([taskKeys.escalation(TASK, 0, 1), taskKeys.escalation(TASK, 0, 2)]);
  });

  it('a timer made stale by an extension does nothing', async () => {
    const { service, tasks, events, notifications } = setUp();
    // The task was extended (due version 1); the job is of version 0.
    tasks.findById.mockResolvedValue(task({ dueVersion: 1 }));
    tasks.escalate.mockResolvedValue(null);
    tasks.recordReminder.mockResolvedValue(null);

    expect(await service.remind(job('reminder', 1))).toBe(false);
    expect(await service.escalate(job('escalate', 1))).toBe(false);
    expect(events.append).not.toHaveBeenCalled();
    expect(notifications.send).not.toHaveBeenCalled();
  });

  it('a redelivered job whose effect was applied by an attempt that died does the follow-ups still owed, once', async () => {
    const { service, tasks, events, notifications } = setUp();
    const key = taskKeys.reminder(TASK, 0, 1);
    tasks.recordReminder.mockResolvedValue(null); // the guard no longer matches: applied before
    tasks.findById.mockResolvedValue(task({ firedTimers: [key], outbox: [key], lastReminderAt: new Date('2030-02-15T00:00:00Z') }));

    expect(await service.remind(job('reminder', 1))).toBe(true);
    expect(events.append).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'task.reminded', dedupeKey: `event-${key}`, data: expect.objectContaining({ daysLeft: 14 }) }),
    );
    expect(notifications.send).toHaveBeenCalledWith(expect.objectContaining({ kind: 'reminder' }), key);
    expect(tasks.completeFollowUp).toHaveBeenCalledWith(TASK, key);
  });

  it('a redelivered job whose follow-ups were all done does nothing more', async () => {
    const { service, tasks, events, notifications } = setUp();
    const key = taskKeys.reminder(TASK, 0, 1);
    tasks.recordReminder.mockResolvedValue(null);
    tasks.findById.mockResolvedValue(task({ firedTimers: [key], outbox: [] }));

    expect(await service.remind(job('reminder', 1))).toBe(false);
    expect(events.append).not.toHaveBeenCalled();
    expect(notifications.send).not.toHaveBeenCalled();
  });

  it('an interrupted reminder is dropped once the chair has submitted: no event, no e-mail, the intent cleared', async () => {
    const { service, tasks, events, notifications } = setUp();
    const key = taskKeys.reminder(TASK, 0, 2);
    notifications.wasPlanned.mockResolvedValue(false);
    await service.followUp(task({ status: 'submitted', firedTimers: [key], outbox: [key] }), key);
    expect(notifications.wasPlanned).toHaveBeenCalledWith(key);
    expect(events.append).not.toHaveBeenCalled();
    expect(notifications.send).not.toHaveBeenCalled();
    expect(tasks.completeFollowUp).toHaveBeenCalledWith(TASK, key);
  });

  it('a reminder is recorded only after its notification is planned: an interruption between them leaves no event', async () => {
    const { service, events, notifications } = setUp();
    const key = taskKeys.reminder(TASK, 0, 1);
    const order: string[] = [];
    notifications.send.mockImplementation(async () => void order.push('notification'));
    events.append.mockImplementation(async (e) => (order.push(e.type), true));
    await service.followUp(task({ firedTimers: [key], outbox: [key], lastReminderAt: new Date('2030-02-15T00:00:00Z') }), key);
    expect(order).toEqual(['notification', 'task.reminded']);
  });

  it('an interrupted reminder whose notification had gone out is recorded on rerun, also after the report came in, and not sent again', async () => {
    const { service, tasks, events, notifications } = setUp();
    const key = taskKeys.reminder(TASK, 0, 1);
    notifications.wasPlanned.mockResolvedValue(true);
    await service.followUp(task({ status: 'submitted', firedTimers: [key], outbox: [key], lastReminderAt: new Date('2030-02-15T00:00:00Z') }), key);
    expect(notifications.send).not.toHaveBeenCalled();
    expect(events.append).toHaveBeenCalledWith(expect.objectContaining({ type: 'task.reminded', at: new Date('2030-02-15T00:00:00Z') }));
    expect(tasks.completeFollowUp).toHaveBeenCalledWith(TASK, key);
  });

  it('an extension records its key with the effect and then announces the new date', async () => {
    const { service, tasks, events, notifications, timers, clock } = setUp();
    const newDue = new Date('2030-04-01T00:00:00Z');
    const key = taskKeys.extension(TASK, 1);
    tasks.findById.mockResolvedValueOnce(task({ status: 'overdue' }));
    tasks.extend.mockResolvedValue(
      task({
        dueAt: newDue,
        dueVersion: 1,
        outbox: [key],
        extensions: [{ from: DUE, to: newDue, reason: 'elections', at: clock.now(), actor: 'committee:x' }],
      }),
    );

    await service.extend(TASK, newDue, 'elections', 'committee:x');

    expect(tasks.extend).toHaveBeenCalledWith(TASK, 0, newDue, expect.objectContaining({ reason: 'elections' }), key);
    expect(timers.removeTaskTimers).toHaveBeenCalledWith(expect.arrayContaining([taskKeys.overdue(TASK, 0)]));
    expect(timers.scheduleTaskTimers).toHaveBeenCalledWith(
      CYCLE,
      expect.arrayContaining([expect.objectContaining({ timer: expect.objectContaining({ key: taskKeys.overdue(TASK, 1) }) })]),
    );
    expect(events.append).toHaveBeenCalledWith(expect.objectContaining({ type: 'task.extended', actor: 'committee:x' }));
    expect(notifications.send).toHaveBeenCalledWith(expect.objectContaining({ kind: 'extended', dueAt: newDue }), key);
    expect(tasks.completeFollowUp).toHaveBeenCalledWith(TASK, key);
  });

  it('refuses an extension to a date before the current one, naming the field, and changes nothing', async () => {
    const { service, tasks } = setUp();
    tasks.findById.mockResolvedValue(task());
    const refused = service.extend(TASK, new Date('2030-02-01T00:00:00Z'), 'Council elections', 'committee:x');
    await expect(refused).rejects.toBeInstanceOf(InvalidError);
    await expect(refused).rejects.toMatchObject({
      problems: [
        { path: 'dueAt', message: expect.stringMatching(/after the current due date/) },
        { path: 'dueAt', message: expect.stringMatching(/in the future/) },
      ],
    });
    expect(tasks.extend).not.toHaveBeenCalled();
  });

  it('refuses a reason with a control character, as the API does, whoever calls (the overdue page too)', async () => {
    const { service, tasks } = setUp();
    tasks.findById.mockResolvedValue(task());
    await expect(service.extend(TASK, new Date('2030-04-01T00:00:00Z'), 'Council \u001b elections', 'committee:x')).rejects.toMatchObject({
      problems: [{ path: 'reason', rule: 'text-characters', params: { char: 'U+001B', position: 8 } }],
    });
    expect(tasks.extend).not.toHaveBeenCalled();
  });

  it('an extension to a day is due at the end of that day on the chair’s clock (the programme may name the hour)', async () => {
    const { service, tasks } = setUp();
    tasks.findById.mockResolvedValue(task());
    tasks.extend.mockImplementation(async (_id, _v, to) => task({ dueAt: to, dueVersion: 1 }));
    await service.extend(TASK, { year: 2030, month: 4, day: 1 }, 'elections', 'committee:x');
    // Anna's clock is Berlin's (summer time, UTC+2): 1 April, 23:59:59.
    expect(tasks.extend).toHaveBeenLastCalledWith(TASK, 0, new Date('2030-04-01T21:59:59Z'), expect.anything(), expect.anything());

    const configured = newTestService(DeadlineService, {
      now: new Date('2030-03-10T00:00:00Z'),
      config: { deadlines: { timeZone: 'Europe/Brussels', dueTime: { hour: 17, minute: 0, second: 0 } } },
    });
    configured.double(NotificationService).chairOf.mockResolvedValue([{ name: 'Ann', email: 'ann@example.org', language: 'en', timeZone: 'America/New_York' }]);
    expect(await configured.service.dueAtFor(task(), { year: 2030, month: 4, day: 1 })).toEqual(new Date('2030-04-01T21:00:00Z'));
    const moment = new Date('2030-04-01T08:00:00Z');
    expect(await configured.service.dueAtFor(task(), moment)).toBe(moment);
  });
});
