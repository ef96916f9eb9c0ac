import type { LocalizedText } from '../texts/localized-text';
import { addDays } from '../clock/calendar';
import { EscalationPolicy, reminderLeftOut } from '../deadlines/escalation-policy';
import { CyclePlan, CyclePlanInput, EscalationLevel, PlanProblem, planCycle } from './cycle-plan';

/**
 * What a problem of planCycle is about, so a page can say it in the reader's language. The
 * messages stay the API's (English, naming dates in ISO); the code is derived from them here,
 * next to planCycle, and plan-preview.spec.ts makes every problem planCycle can raise map to a
 * code other than 'other', so a reworded message cannot silently lose its translation.
 */
export type PlanProblemCode =
  | 'milestones-none'
  | 'final-twice'
  | 'key-format'
  | 'key-duplicate'
  | 'both-given'
  | 'request-required'
  | 'due-ambiguous'
  | 'due-required'
  | 'request-before-start'
  | 'request-after-end'
  | 'due-not-after-request'
  | 'due-after-end'
  | 'compile-before-due'
  | 'compile-in-past'
  | 'compile-after-end'
  | 'reminder-not-positive'
  | 'level-numbering'
  | 'level-negative'
  | 'level-order'
  | 'other';

const CODES: [RegExp, PlanProblemCode][] = [
  [/^at least one milestone is needed$/, 'milestones-none'],
  [/^at most one final milestone$/, 'final-twice'],
  [/^lowercase letters, digits and dashes/, 'key-format'],
  [/^duplicate milestone key/, 'key-duplicate'],
  [/^give either \w+At or a relative/, 'both-given'],
  [/^requestAt or requestMonth is required$/, 'request-required'],
  [/^give only one of dueAt/, 'due-ambiguous'],
  [/^dueAt, dueMonth or dueDaysAfterRequest is required$/, 'due-required'],
  [/^is before the cycle starts$/, 'request-before-start'],
  [/^must be after the request date/, 'due-not-after-request'],
  [/^must not be before the due date/, 'compile-before-due'],
  [/^is in the past/, 'compile-in-past'],
  [/^must be a positive number of days$/, 'reminder-not-positive'],
  [/^levels must be numbered/, 'level-numbering'],
  [/^must be 0 or more days after the due date$/, 'level-negative'],
  [/^a higher level cannot come before a lower one$/, 'level-order'],
];

export function planProblemCode(p: PlanProblem): PlanProblemCode {
  if (/^is after the cycle ends/.test(p.message)) {
    if (p.path.endsWith('.requestAt')) return 'request-after-end';
    if (p.path.endsWith('.dueAt')) return 'due-after-end';
    if (p.path.endsWith('.compileAt')) return 'compile-after-end';
  }
  return CODES.find(([re]) => re.test(p.message))?.[1] ?? 'other';
}

/** One reminder of the plan: when it goes out, or that it is left out and why (reminderLeftOut). */
export interface PreviewReminder {
  daysBeforeDue: number;
  /** When it would go out (also when it is left out, to say why). */
  at: Date;
  sent: boolean;
  leftOut: 'before-request' | 'with-request' | null;
}

export interface PreviewEscalation {
  level: number;
  target: EscalationLevel['target'];
  daysAfterDue: number;
  at: Date;
}

export interface PreviewMilestone {
  key: string;
  title: LocalizedText;
  kind: 'progress' | 'final';
  requestAt: Date;
  /** Every reminder offset of the cycle, longest first. */
  reminders: PreviewReminder[];
  dueAt: Date;
  escalations: PreviewEscalation[];
  compileAt: Date;
}

/** One dated step of the preview, for a chronological list. */
export interface PreviewStep {
  at: Date;
  kind: 'request' | 'reminder' | 'due' | 'escalation' | 'compile';
  milestoneKey: string;
  daysBeforeDue?: number;
  level?: number;
  target?: EscalationLevel['target'];
  daysAfterDue?: number;
}

export interface PlanPreview {
  plan: CyclePlan;
  milestones: PreviewMilestone[];
}

/**
 * The plan as the committee will see it happen, before it starts: per milestone the request,
 * every reminder, the due date, every escalation level and the compilation, as absolute dates.
 * It is planCycle (the same rules CycleService.create applies) followed by the EscalationPolicy
 * the deadline timers are built from, applied to a task requested at the milestone's request
 * date: so a reminder the engine would skip (it would fall before the request) is shown as
 * left out, not promised. Pure; the page formats the dates in the reader's time zone.
 */
export function previewCyclePlan(input: CyclePlanInput): { preview?: PlanPreview; problems: (PlanProblem & { code: PlanProblemCode })[] } {
  const { plan, problems } = planCycle(input);
  const coded = problems.map((p) => ({ ...p, code: planProblemCode(p) }));
  if (!plan) return { problems: coded };
  const policy = new EscalationPolicy(plan.reminderDaysBeforeDue, plan.escalation);
  const milestones = plan.milestones.map((m): PreviewMilestone => {
    const timers = policy.timersFor({ id: 'preview', requestedAt: m.requestAt, dueAt: m.dueAt, dueVersion: 0 });
    return {
      key: m.key,
      title: m.title,
      kind: m.kind,
      requestAt: m.requestAt,
      reminders: plan.reminderDaysBeforeDue.map((days) => {
        const at = addDays(m.dueAt, -days);
        const leftOut = reminderLeftOut(at, m.requestAt);
        return { daysBeforeDue: days, at, sent: !leftOut, leftOut };
      }),
      dueAt: m.dueAt,
      escalations: timers
        .filter((t) => t.kind === 'escalation')
        .map((t) => ({ level: t.index, target: t.target!, daysAfterDue: policy.level(t.index)!.daysAfterDue, at: t.fireAt })),
      compileAt: m.compileAt,
    };
  });
  return { preview: { plan, milestones }, problems: coded };
}

/** A milestone's steps in the order they happen (a reminder left out is not a step). */
export function previewSteps(m: PreviewMilestone): PreviewStep[] {
  const steps: PreviewStep[] = [
    { at: m.requestAt, kind: 'request', milestoneKey: m.key },
    ...m.reminders.filter((r) => r.sent).map((r) => ({ at: r.at, kind: 'reminder' as const, milestoneKey: m.key, daysBeforeDue: r.daysBeforeDue })),
    { at: m.dueAt, kind: 'due', milestoneKey: m.key },
    ...m.escalations.map((e) => ({
      at: e.at,
      kind: 'escalation' as const,
      milestoneKey: m.key,
      level: e.level,
      target: e.target,
      daysAfterDue: e.daysAfterDue,
    })),
    { at: m.compileAt, kind: 'compile', milestoneKey: m.key },
  ];
  // Stable: at the same moment, the order above (due before its level-1 escalation on the day) holds.
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i)
    .map((x) => x.s);
}
