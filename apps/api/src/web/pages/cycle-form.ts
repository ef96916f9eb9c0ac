import { addMonths, DEFAULT_ESCALATION, DEFAULT_LENGTH_MONTHS, DEFAULT_REMINDER_DAYS, LocalizedText, MilestoneInput, PlanProblemCode } from '@pact/domain';
import { fieldIdOf, FormProblem } from '../form-errors';
import type { Translator } from '../i18n/translator';

/**
 * The "start a cycle" form: what the committee types (strings, as posted), how it becomes the
 * body POST /api/cycles takes, and how each problem is said beside its input. The rules are
 * not repeated here: the body is checked with the API's own CreateCycleDto, then by planCycle
 * (through the preview) and CycleService.create, exactly as a machine's request would be.
 */

/** Milestone rows and escalation levels the form can hold (the API's limits). */
export const MAX_MILESTONES = 20;
export const MAX_LEVELS = 10;

export interface MilestoneRow {
  key: string;
  title: string;
  kind: string;
  /** Month of the cycle in which the request goes out (0 = at the start). */
  requestAt: string;
  /** A number of days after the request, or a month of the cycle (dueUnit). */
  dueAt: string;
  dueUnit: string;
  /** Month of the cycle in which the report is compiled; empty: at the cycle's end. */
  compileAt: string;
}

export interface LevelRow {
  daysAfterDue: string;
  target: string;
}

export interface CycleForm {
  name: string;
  start: string;
  lengthMonths: string;
  groups: string[];
  reminderDaysBeforeDue: string;
  milestones: MilestoneRow[];
  levels: LevelRow[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^-?\d{1,6}$/;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : '');
/** A whole number when the text is one, else the text itself, so the API's rules name it. */
const num = (s: string): number | string | undefined => (s === '' ? undefined : WHOLE.test(s) ? Number(s) : s);

/** The form as first shown: the programme's milestones (titles in the reader's language), every working group, starting on the first of next month. */
export function defaultCycleForm(now: Date, groupKeys: string[], milestones: MilestoneInput[], text: (t: LocalizedText) => string): CycleForm {
  const next = addMonths(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), 1);
  return {
    name: '',
    start: next.toISOString().slice(0, 10),
    lengthMonths: String(DEFAULT_LENGTH_MONTHS),
    groups: [...groupKeys],
    reminderDaysBeforeDue: DEFAULT_REMINDER_DAYS.join(', '),
    milestones: milestones.map((m) => rowOf(m, text)),
    levels: DEFAULT_ESCALATION.levels.map((l) => ({ daysAfterDue: String(l.daysAfterDue), target: l.target })),
  };
}

function rowOf(m: MilestoneInput, text: (t: LocalizedText) => string): MilestoneRow {
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    key: m.key,
    title: text(m.title),
    kind: m.kind,
    requestAt: s(m.requestMonth),
    dueAt: s(m.dueDaysAfterRequest ?? m.dueMonth),
    dueUnit: m.dueMonth !== undefined ? 'month' : 'days',
    compileAt: s(m.compileMonth),
  };
}

/**
 * The form from a posted body (flat names: `milestones-0-key`, `escalation-levels-1-target`).
 * Rows left empty are dropped, so the form always offers one empty row to add another, and
 * clearing a row removes it.
 */
export function readCycleForm(body: Record<string, unknown>): CycleForm {
  const groups = body.groups === undefined ? [] : (Array.isArray(body.groups) ? body.groups : [body.groups]).filter((g): g is string => typeof g === 'string');
  const milestones: MilestoneRow[] = [];
  for (let i = 0; i <= MAX_MILESTONES; i++) {
    const f = (k: string) => str(body[`milestones-${i}-${k}`]);
    const row = {
      key: f('key'),
      title: f('title'),
      kind: f('kind'),
      requestAt: f('requestAt'),
      dueAt: f('dueAt'),
      dueUnit: f('dueUnit'),
      compileAt: f('compileAt'),
    };
    if (row.key || row.title || row.requestAt || row.dueAt || row.compileAt) milestones.push(row);
  }
  const levels: LevelRow[] = [];
  for (let i = 0; i <= MAX_LEVELS; i++) {
    const row = { daysAfterDue: str(body[`escalation-levels-${i}-daysAfterDue`]), target: str(body[`escalation-levels-${i}-target`]) };
    if (row.daysAfterDue) levels.push(row);
  }
  return {
    name: str(body.name),
    start: str(body.start),
    lengthMonths: str(body.lengthMonths),
    groups: [...new Set(groups)],
    reminderDaysBeforeDue: str(body.reminderDaysBeforeDue),
    milestones,
    levels,
  };
}

/** The JSON body a machine would POST to /api/cycles for the same plan. */
export function apiBodyOf(form: CycleForm): Record<string, unknown> {
  const reminders = form.reminderDaysBeforeDue
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((s) => num(s));
  return {
    name: form.name,
    start: DATE.test(form.start) ? form.start : form.start || undefined,
    lengthMonths: num(form.lengthMonths),
    groups: form.groups,
    milestones: form.milestones.map((m) => ({
      key: m.key,
      title: m.title,
      kind: m.kind,
      requestMonth: num(m.requestAt),
      ...(m.dueUnit === 'month' ? { dueMonth: num(m.dueAt) } : { dueDaysAfterRequest: num(m.dueAt) }),
      ...(m.compileAt ? { compileMonth: num(m.compileAt) } : {}),
    })),
    reminderDaysBeforeDue: reminders,
    escalation: { levels: form.levels.map((l, i) => ({ level: i + 1, daysAfterDue: num(l.daysAfterDue), target: l.target })) },
  };
}

/** Where a problem's path is shown: several paths share one input (the reminder list, the group checkboxes); else the path as an id. */
export function cycleFieldOf(form: CycleForm) {
  return (path: string): string => {
    if (path.startsWith('reminderDaysBeforeDue')) return 'reminderDaysBeforeDue';
    if (path.startsWith('groups')) return 'groups';
    if (path === 'milestones') return `milestones-${Math.max(0, form.milestones.map((m) => m.kind).lastIndexOf('final'))}-kind`;
    if (path === 'escalation' || path === 'escalation.levels') return 'escalation-levels-0-daysAfterDue';
    // The API's names of the relative dates (requestMonth, dueDaysAfterRequest, …) and planCycle's (requestAt, …) share one input.
    const m = /^milestones\[(\d+)\]\.(\w+)$/.exec(path);
    const input =
      m && ({ requestMonth: 'requestAt', dueMonth: 'dueAt', dueDaysAfterRequest: 'dueAt', compileMonth: 'compileAt' } as Record<string, string>)[m[2]];
    if (m && input) return `milestones-${m[1]}-${input}`;
    const level = /^escalation\.levels\[(\d+)\]\.level$/.exec(path);
    if (level) return `escalation-levels-${level[1]}-daysAfterDue`;
    if (path === 'templateKey' || path === '') return 'name';
    return fieldIdOf(path);
  };
}

/** The texts (page catalog keys) for a problem of each input, when no more precise one applies. */
const BY_FIELD: [RegExp, string][] = [
  [/^name$/, 'startCycle.error.name'],
  [/^start$/, 'startCycle.error.start'],
  [/^lengthMonths$/, 'startCycle.error.lengthMonths'],
  [/^groups$/, 'startCycle.error.groups'],
  [/^reminderDaysBeforeDue$/, 'startCycle.error.reminders'],
  [/^milestones-\d+-key$/, 'startCycle.error.key'],
  [/^milestones-\d+-title$/, 'startCycle.error.title'],
  [/^milestones-\d+-kind$/, 'startCycle.error.kind'],
  [/^milestones-\d+-requestAt$/, 'startCycle.error.requestAt'],
  [/^milestones-\d+-dueAt$/, 'startCycle.error.dueAt'],
  [/^milestones-\d+-compileAt$/, 'startCycle.error.compileAt'],
  [/^escalation-levels-\d+-daysAfterDue$/, 'startCycle.error.daysAfterDue'],
  [/^escalation-levels-\d+-target$/, 'startCycle.error.target'],
];

/** planCycle's problems, precisely: what is wrong and with which date. */
const BY_CODE: Partial<Record<PlanProblemCode, string>> = {
  'milestones-none': 'startCycle.plan.milestonesNone',
  'final-twice': 'startCycle.plan.finalTwice',
  'key-duplicate': 'startCycle.plan.keyDuplicate',
  'request-before-start': 'startCycle.plan.requestBeforeStart',
  'request-after-end': 'startCycle.plan.requestAfterEnd',
  'due-not-after-request': 'startCycle.plan.dueNotAfterRequest',
  'due-after-end': 'startCycle.plan.dueAfterEnd',
  'compile-before-due': 'startCycle.plan.compileBeforeDue',
  'compile-in-past': 'startCycle.plan.compileInPast',
  'compile-after-end': 'startCycle.plan.compileAfterEnd',
  'level-order': 'startCycle.plan.levelOrder',
};

/** Says a problem in the reader's language: by its planCycle code when it has one, else by the input it belongs to. */
export function cycleMessage(i18n: Translator) {
  return (p: FormProblem & { code?: PlanProblemCode }, field: string): string => {
    const row = /-(\d+)-/.exec(field);
    const n = row ? Number(row[1]) + 1 : 0;
    const iso = /\((\d{4}-\d{2}-\d{2}T[\d:.]+Z)\)/.exec(p.message)?.[1] ?? /now is (\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(p.message)?.[1];
    const key = (p.code && BY_CODE[p.code]) ?? BY_FIELD.find(([re]) => re.test(field))?.[1] ?? 'startCycle.error.generic';
    // The date a problem names is a due date, "now", or a start (a request, the cycle's end): each read as it is shown in the preview.
    const when = p.code === 'compile-before-due' ? i18n.due : p.code === 'compile-in-past' ? i18n.dateTime : i18n.start;
    return i18n.t(key, { n, date: iso ? when(iso) : '' });
  };
}
