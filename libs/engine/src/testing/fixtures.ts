import { DEFAULT_LIMITS, MEASURE_STATUSES, SubmissionContent } from '@pact/domain';
import type { CycleRecord, SubmissionRecord, TaskRecord } from '@pact/persistence';

/** Records for unit tests of engine services: one cycle, one task, one revision, valid and plain. */
export const IDS = { task: '65f1a2b3c4d5e6f708192a3b', cycle: '65f1a2b3c4d5e6f708192a3c', submission: '65f1a2b3c4d5e6f708192a3d' };
export const DUE = new Date('2030-03-01T00:00:00Z');

export function aCycle(over: Partial<CycleRecord> = {}): CycleRecord {
  return {
    id: IDS.cycle,
    name: 'Cycle',
    programme: 'pact',
    status: 'running',
    start: new Date('2030-01-01T00:00:00Z'),
    end: new Date('2031-01-01T00:00:00Z'),
    lengthMonths: 12,
    milestones: [
      { key: 'final', title: 'Final', kind: 'final', requestAt: new Date('2030-01-01T00:00:00Z'), dueAt: DUE, compileAt: new Date('2030-06-01T00:00:00Z') },
    ],
    reminderDaysBeforeDue: [14, 3],
    escalation: {
      levels: [
        { level: 1, daysAfterDue: 0, target: 'chair' },
        { level: 2, daysAfterDue: 7, target: 'committee' },
      ],
    },
    groupKeys: ['education'],
    template: { key: 't', name: 'T', measureStatuses: MEASURE_STATUSES, indicatorsByGroup: {}, allowCustomIndicators: true, limits: DEFAULT_LIMITS },
    milestoneState: { final: { status: 'requested' } },
    createdAt: new Date('2030-01-01T00:00:00Z'),
    ...over,
  };
}

export function aTask(over: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: IDS.task,
    cycleId: IDS.cycle,
    programme: 'pact',
    milestoneKey: 'final',
    groupKey: 'education',
    status: 'open',
    requestedAt: new Date('2030-01-01T00:00:00Z'),
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

export function someContent(): SubmissionContent {
  return {
    measures: [{ title: 'Mentoring', status: 'in-progress' }],
    indicators: [{ key: 'reach', name: 'People reached', unit: 'people', baseline: 100, target: 200, actual: 150 }],
    goodPractices: ['Mentoring programme'],
    obstacles: [],
    recommendations: [],
  };
}

export function aRevision(revision: number, over: Partial<SubmissionRecord> = {}): SubmissionRecord {
  return {
    id: IDS.submission,
    taskId: IDS.task,
    cycleId: IDS.cycle,
    milestoneKey: 'final',
    groupKey: 'education',
    revision,
    content: someContent(),
    submittedAt: new Date('2030-02-01T00:00:00Z'),
    late: false,
    afterCompilation: false,
    submittedBy: 'chair:anna@example.org',
    ...over,
  };
}
