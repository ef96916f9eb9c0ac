import { EscalationPolicy } from '../deadlines/escalation-policy';
import { eventKeys, jobIds, notificationKeys } from './index';
import { cycleKeys, followUpDedupe, parseCycleFollowUp, parseTaskFollowUp, taskKeys } from './task-keys';

const TASK = '65f1a2b3c4d5e6f708192a3b';
const CYCLE = '65f1a2b3c4d5e6f708192a3c';
const REQUEST = '0123456789abcdef01234567';

/**
 * The formats are pinned: timers already in Redis, keys already in `firedTimers` and outboxes,
 * and events already in the log carry them, so a change here would let an effect happen twice.
 */
describe('keys', () => {
  it('task timers and follow-ups', () => {
    expect(taskKeys.reminder(TASK, 0, 2)).toBe(`reminder-${TASK}-v0-2`);
    expect(taskKeys.overdue(TASK, 3)).toBe(`overdue-${TASK}-v3`);
    expect(taskKeys.escalation(TASK, 1, 2)).toBe(`escalate-${TASK}-v1-2`);
    expect(taskKeys.extension(TASK, 1)).toBe(`extended-${TASK}-v1`);
    expect(taskKeys.submission(TASK, 4)).toBe(`submitted-${TASK}-r4`);
    expect(taskKeys.extensionRequested(TASK, REQUEST)).toBe(`extension-requested-${TASK}-${REQUEST}`);
    expect(taskKeys.extensionGranted(TASK, REQUEST)).toBe(`extension-granted-${TASK}-${REQUEST}`);
    expect(taskKeys.extensionRefused(TASK, REQUEST)).toBe(`extension-refused-${TASK}-${REQUEST}`);
    expect(followUpDedupe.event(taskKeys.extensionRequested(TASK, REQUEST))).toBe(`event-extension-requested-${TASK}-${REQUEST}`);
    expect(followUpDedupe.event(taskKeys.overdue(TASK, 0))).toBe(`event-overdue-${TASK}-v0`);
    expect(followUpDedupe.notification(taskKeys.reminder(TASK, 0, 1))).toBe(`reminder-${TASK}-v0-1`);
  });

  it('every task key parses back to what built it, and nothing else parses', () => {
    expect(parseTaskFollowUp(taskKeys.reminder(TASK, 2, 1))).toEqual({ kind: 'reminder', taskId: TASK, dueVersion: 2, index: 1 });
    expect(parseTaskFollowUp(taskKeys.overdue(TASK, 0))).toEqual({ kind: 'overdue', taskId: TASK, dueVersion: 0 });
    expect(parseTaskFollowUp(taskKeys.escalation(TASK, 1, 2))).toEqual({ kind: 'escalation', taskId: TASK, dueVersion: 1, level: 2 });
    expect(parseTaskFollowUp(taskKeys.extension(TASK, 3))).toEqual({ kind: 'extension', taskId: TASK, dueVersion: 3 });
    expect(parseTaskFollowUp(taskKeys.submission(TASK, 7))).toEqual({ kind: 'submission', taskId: TASK, revision: 7 });
    expect(parseTaskFollowUp(taskKeys.extensionRequested(TASK, REQUEST))).toEqual({ kind: 'extension-requested', taskId: TASK, requestId: REQUEST });
    expect(parseTaskFollowUp(taskKeys.extensionGranted(TASK, REQUEST))).toEqual({ kind: 'extension-granted', taskId: TASK, requestId: REQUEST });
    expect(parseTaskFollowUp(taskKeys.extensionRefused(TASK, REQUEST))).toEqual({ kind: 'extension-refused', taskId: TASK, requestId: REQUEST });
    for (const bad of [
      '',
      'reminder-xyz-v0-1',
      `reminder-${TASK}-v0`,
      `escalate-${TASK}-1`,
      `submitted-${TASK}-v1`,
      `extension-decided-${TASK}-${REQUEST}`,
      `extension-requested-${TASK}`,
      `extension-requested-${TASK}-${REQUEST.toUpperCase()}`,
      `extension-refused-${TASK}-${REQUEST}-1`,
    ])
      expect(parseTaskFollowUp(bad)).toBeNull();
  });

  it('cycle follow-ups', () => {
    expect(cycleKeys.compiled('final')).toBe('compiled-final');
    expect(parseCycleFollowUp(cycleKeys.compiled('mid-term'))).toEqual({ kind: 'compiled', milestoneKey: 'mid-term' });
    expect(parseCycleFollowUp(cycleKeys.created())).toEqual({ kind: 'created' });
    expect(parseCycleFollowUp(cycleKeys.cancelled())).toEqual({ kind: 'cancelled' });
    expect(parseCycleFollowUp('compiled')).toBeNull();
  });

  it('the escalation policy names its timers with the same keys', () => {
    const policy = new EscalationPolicy([14, 3], {
      levels: [
        { level: 1, daysAfterDue: 0, target: 'chair' },
        { level: 2, daysAfterDue: 7, target: 'committee' },
      ],
    });
    const keys = policy.timersFor({ id: TASK, requestedAt: new Date('2030-01-01'), dueAt: new Date('2030-03-01'), dueVersion: 1 }).map((t) => t.key);
    expect(keys).toEqual([
      taskKeys.reminder(TASK, 1, 1),
      taskKeys.reminder(TASK, 1, 2),
      taskKeys.overdue(TASK, 1),
      taskKeys.escalation(TASK, 1, 1),
      taskKeys.escalation(TASK, 1, 2),
    ]);
  });

  it('job ids, event and notification keys', () => {
    expect(jobIds.fanOut(CYCLE, 'final')).toBe(`fanout-${CYCLE}-final`);
    expect(jobIds.compile(CYCLE, 'final')).toBe(`compile-${CYCLE}-final`);
    expect(jobIds.recompile(CYCLE, 'final', 2)).toBe(`compile-${CYCLE}-final-r2`);
    expect(jobIds.deliver('abc', 1)).toBe('abc-r1');
    expect(jobIds.committeeSummary(CYCLE)).toBe(`summary-${CYCLE}`);
    expect(eventKeys.taskRequested(TASK)).toBe(`task-requested-${TASK}`);
    expect(eventKeys.milestoneRequested(CYCLE, 'final')).toBe(`milestone-requested-${CYCLE}-final`);
    expect(eventKeys.reportCompiled(CYCLE, 'final')).toBe(`report-compiled-${CYCLE}-final`);
    expect(eventKeys.reportRecompiled(CYCLE, 'final', 3)).toBe(`report-recompiled-${CYCLE}-final-3`);
    expect(eventKeys.reportPublished(CYCLE, 2)).toBe(`report-published-${CYCLE}-v2`);
    expect(eventKeys.cycleCreated(CYCLE)).toBe(`cycle-created-${CYCLE}`);
    expect(eventKeys.cycleCancelled(CYCLE)).toBe(`cycle-cancelled-${CYCLE}`);
    expect(eventKeys.cycleCompleted(CYCLE)).toBe(`cycle-completed-${CYCLE}`);
    expect(eventKeys.notificationQueued('requested-x')).toBe('notify-requested-x');
    expect(notificationKeys.taskRequested(TASK)).toBe(`requested-${TASK}`);
    expect(notificationKeys.reportCompiled(CYCLE, 'final')).toBe(`compiled-${CYCLE}-final`);
    expect(notificationKeys.escalationSummary(CYCLE, 'ab12')).toBe(`summary-${CYCLE}-ab12`);
  });

  it('no key holds a colon (BullMQ refuses custom job ids with one)', () => {
    const all = [
      taskKeys.reminder(TASK, 0, 1),
      taskKeys.overdue(TASK, 0),
      taskKeys.escalation(TASK, 0, 1),
      taskKeys.extensionRequested(TASK, REQUEST),
      taskKeys.extensionGranted(TASK, REQUEST),
      taskKeys.extensionRefused(TASK, REQUEST),
      jobIds.fanOut(CYCLE, 'final'),
      jobIds.compile(CYCLE, 'final'),
      jobIds.recompile(CYCLE, 'final', 1),
      jobIds.deliver('d', 1),
      jobIds.committeeSummary(CYCLE),
    ];
    for (const k of all) expect(k).not.toContain(':');
  });
});
