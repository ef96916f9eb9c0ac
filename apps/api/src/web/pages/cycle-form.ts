import {
  addMonths,
  KEY_PATTERN,
  ParticipantKind,
  DEFAULT_ESCALATION,
  DEFAULT_LENGTH_MONTHS,
  DEFAULT_REMINDER_DAYS,
  LocalizedText,
  MilestoneInput,
  PlanProblemCode,
} from '@pact/domain';
import type { FormError, FormProblem } from '../form-errors';
import type { FieldView } from '../forms/fields/field';
import { FieldDefinition, FormModel, FormValues } from '../forms/form-model';
import type { Translator } from '../i18n/translator';

/**
 * The "start a cycle" form: what the committee types (strings, as posted), how it becomes the
 * body POST /api/cycles takes, and its form model (fixed fields, milestone and level rows),
 * which places each problem beside its input and words it. The rules are not repeated here:
 * the body is checked with the API's own CreateCycleDto, then by planCycle (through the
 * preview) and CycleService.create, exactly as a machine's request would be.
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
  /** The programme whose cycle it starts (a hidden field: chosen on the cycles page). */
  programme: string;
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

type MilestoneField = keyof MilestoneRow;
type LevelField = keyof LevelRow;

/** The posted names (and input ids) of the form's rows: the one place they are spelt. */
export const cycleNames = {
  milestone: (row: number, field: MilestoneField) => `milestones-${row}-${field}`,
  level: (row: number, field: LevelField) => `escalation-levels-${row}-${field}`,
};

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : '');
/** A whole number when the text is one, else the text itself, so the API's rules name it. */
const num = (s: string): number | string | undefined => (s === '' ? undefined : WHOLE.test(s) ? Number(s) : s);

/** The form as first shown: the programme's milestones (titles in the reader's language), every working group, starting on the first of next month. */
export function defaultCycleForm(
  now: Date,
  groupKeys: string[],
  milestones: MilestoneInput[],
  text: (t: LocalizedText) => string,
  programme = '',
  lengthMonths = DEFAULT_LENGTH_MONTHS,
): CycleForm {
  const next = addMonths(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), 1);
  return {
    programme,
    name: '',
    start: next.toISOString().slice(0, 10),
    lengthMonths: String(lengthMonths),
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
    const f = (k: MilestoneField) => str(body[cycleNames.milestone(i, k)]);
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
    const row = { daysAfterDue: str(body[cycleNames.level(i, 'daysAfterDue')]), target: str(body[cycleNames.level(i, 'target')]) };
    if (row.daysAfterDue) levels.push(row);
  }
  const programme = typeof body.programme === 'string' && KEY_PATTERN.test(body.programme) ? body.programme : '';
  return {
    programme,
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
    ...(form.programme ? { programme: form.programme } : {}),
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

/** The rows the form shows: those filled and one empty row more, to add a milestone or a level without JavaScript. */
export function shownCycleRows(form: CycleForm): { milestones: MilestoneRow[]; levels: LevelRow[] } {
  return {
    milestones:
      form.milestones.length < MAX_MILESTONES
        ? [...form.milestones, { key: '', title: '', kind: 'progress', requestAt: '', dueAt: '', dueUnit: 'days', compileAt: '' }]
        : form.milestones,
    levels: form.levels.length < MAX_LEVELS ? [...form.levels, { daysAfterDue: '', target: 'committee' }] : form.levels,
  };
}

/** The start-a-cycle form: its fields (paths of the API's body), their values, and the names of each row's fields. */
export interface CycleFormModel {
  model: FormModel;
  values: FormValues;
  milestones: Record<MilestoneField, string>[];
  levels: Record<LevelField, string>[];
}

/**
 * The form's fields, fixed but for the number of rows. Paths are the API body's
 * (`milestones[1].dueDaysAfterRequest`); the names planCycle gives the same inputs
 * (`milestones[1].dueAt`) and a problem of a whole list are the inputs' too (`also`).
 */
export function cycleFormModel(
  form: CycleForm,
  groups: { key: string; fieldOfAction: LocalizedText }[],
  programmeTimeZone: string,
  participantKind: ParticipantKind = 'working-group',
): CycleFormModel {
  // The participants in the programme's own word (a Charter round asks cities).
  const cities = participantKind === 'city';
  const shown = shownCycleRows(form);
  const named = (key: string, n?: number) => ({ key: `startCycle.named.${key}`, params: n === undefined ? undefined : { n } });
  const expected = (key: string) => ({ key: `startCycle.expected.${key}` });
  // A problem of the milestones as a whole (none, two final ones) is the last final row's kind.
  const finalRow = Math.max(0, form.milestones.map((m) => m.kind).lastIndexOf('final'));
  const fields: FieldDefinition[] = [
    {
      type: 'text',
      name: 'name',
      path: 'name',
      also: ['templateKey'],
      label: { key: 'startCycle.name' },
      hint: { key: 'startCycle.nameHint' },
      named: named('name'),
      max: 200,
    },
    {
      type: 'date',
      name: 'start',
      path: 'start',
      label: { key: 'startCycle.start' },
      hint: { key: 'startCycle.startHint', params: { timeZone: programmeTimeZone } },
      named: named('start'),
    },
    {
      type: 'number',
      whole: true,
      name: 'lengthMonths',
      path: 'lengthMonths',
      label: { key: 'startCycle.lengthMonths' },
      hint: { key: cities ? 'startCycle.lengthMonthsHintRound' : 'startCycle.lengthMonthsHint' },
      named: named('lengthMonths'),
      expected: expected('lengthMonths'),
    },
    {
      type: 'choice',
      multiple: true,
      name: 'groups',
      path: 'groups',
      label: { key: cities ? 'startCycle.cities' : 'startCycle.groups' },
      hint: { key: cities ? 'startCycle.citiesHint' : 'startCycle.groupsHint' },
      named: named('groups'),
      options: groups.map((g) => ({ value: g.key, label: g.fieldOfAction })),
    },
  ];
  const milestones = shown.milestones.map((_, row) => {
    const n = row + 1;
    const name = (f: MilestoneField) => cycleNames.milestone(row, f);
    const path = `milestones[${row}]`;
    const month = (f: 'requestAt' | 'compileAt', label: string, api: string, hint: string, exp: string): FieldDefinition => ({
      type: 'number',
      whole: true,
      name: name(f),
      path: `${path}.${f}`,
      also: [`${path}.${api}`],
      label: { key: label },
      hint: { key: hint },
      named: named(f, n),
      expected: expected(exp),
    });
    fields.push(
      { type: 'text', name: name('title'), path: `${path}.title`, label: { key: 'startCycle.milestoneTitle' }, named: named('title', n), max: 200 },
      {
        type: 'text',
        name: name('key'),
        path: `${path}.key`,
        label: { key: 'startCycle.milestoneKey' },
        hint: { key: 'startCycle.milestoneKeyHint' },
        named: named('key', n),
        expected: expected('key'),
        width: 'medium',
        spellcheck: false,
      },
      {
        type: 'choice',
        name: name('kind'),
        path: `${path}.kind`,
        also: row === finalRow ? ['milestones'] : [],
        label: { key: 'startCycle.milestoneKind' },
        named: named('kind', n),
        options: ['progress', 'final'].map((k) => ({ value: k, label: { key: `startCycle.kind.${k}` } })),
      },
      month('requestAt', 'startCycle.requestMonth', 'requestMonth', 'startCycle.requestMonthHint', 'month'),
      {
        type: 'number',
        whole: true,
        name: name('dueAt'),
        path: `${path}.dueAt`,
        also: [`${path}.dueMonth`, `${path}.dueDaysAfterRequest`],
        label: { key: 'startCycle.due' },
        hint: { key: 'startCycle.dueHint' },
        named: named('dueAt', n),
        expected: expected('dueAt'),
      },
      {
        type: 'choice',
        name: name('dueUnit'),
        path: `${path}.dueUnit`,
        label: { key: 'startCycle.dueUnitLabel' },
        named: named('dueUnit', n),
        options: ['days', 'month'].map((u) => ({ value: u, label: { key: `startCycle.dueUnit.${u}` } })),
      },
      month('compileAt', 'startCycle.compileMonth', 'compileMonth', 'startCycle.compileMonthHint', 'compileAt'),
    );
    return {
      title: name('title'),
      key: name('key'),
      kind: name('kind'),
      requestAt: name('requestAt'),
      dueAt: name('dueAt'),
      dueUnit: name('dueUnit'),
      compileAt: name('compileAt'),
    };
  });
  fields.push({
    type: 'text',
    name: 'reminderDaysBeforeDue',
    path: 'reminderDaysBeforeDue',
    label: { key: 'startCycle.reminders' },
    hint: { key: 'startCycle.remindersHint' },
    named: named('reminders'),
    expected: expected('reminders'),
    width: 'medium',
  });
  const levels = shown.levels.map((_, row) => {
    const n = row + 1;
    const name = (f: LevelField) => cycleNames.level(row, f);
    const path = `escalation.levels[${row}]`;
    fields.push(
      {
        type: 'number',
        whole: true,
        name: name('daysAfterDue'),
        path: `${path}.daysAfterDue`,
        // The level's number is its row's; a problem of the whole escalation is the first level's.
        also: [`${path}.level`, path, ...(row === 0 ? ['escalation.levels', 'escalation'] : [])],
        label: { key: 'startCycle.daysAfterDue' },
        named: named('daysAfterDue', n),
        expected: expected('daysAfterDue'),
      },
      {
        type: 'choice',
        name: name('target'),
        path: `${path}.target`,
        label: { key: 'startCycle.targetLabel' },
        named: named('target', n),
        options: ['chair', 'committee'].map((v) => ({ value: v, label: { key: `startCycle.target.${v}` } })),
      },
    );
    return { daysAfterDue: name('daysAfterDue'), target: name('target') };
  });

  const values: FormValues = {
    name: form.name,
    start: form.start,
    lengthMonths: form.lengthMonths,
    groups: form.groups,
    reminderDaysBeforeDue: form.reminderDaysBeforeDue,
  };
  shown.milestones.forEach((m, row) => {
    for (const f of Object.keys(m) as MilestoneField[]) values[cycleNames.milestone(row, f)] = m[f];
  });
  shown.levels.forEach((l, row) => {
    for (const f of Object.keys(l) as LevelField[]) values[cycleNames.level(row, f)] = l[f];
  });
  return { model: new FormModel(fields), values, milestones, levels };
}

/** Each field's view model, rows in order (`filled`: how many rows hold a milestone or a level; the last may be the empty one). */
export function cycleFormView(c: CycleFormModel, t: Translator['t']) {
  const v = c.model.view(c.values, t);
  const at = (name: string): FieldView => v[name];
  const row = <K extends string>(names: Record<K, string>) =>
    Object.fromEntries(Object.entries<string>(names).map(([k, name]) => [k, at(name)])) as Record<K, FieldView>;
  return {
    name: at('name'),
    start: at('start'),
    lengthMonths: at('lengthMonths'),
    groups: at('groups'),
    reminderDaysBeforeDue: at('reminderDaysBeforeDue'),
    milestones: c.milestones.map(row),
    levels: c.levels.map(row),
  };
}

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

/**
 * Problems as the form's errors: planCycle's by their code (what is wrong and with which date,
 * one message per rule of the plan), any other by the form model (its field's rule, naming the field).
 */
export function cycleErrors(c: CycleFormModel, problems: (FormProblem & { code?: PlanProblemCode })[], i18n: Translator): FormError[] {
  return c.model.errors(
    problems,
    i18n.t,
    (path) => path,
    (p, field) => {
      const key = p.code && BY_CODE[p.code];
      if (!key) return undefined;
      const row = /-(\d+)-/.exec(field);
      const iso = /\((\d{4}-\d{2}-\d{2}T[\d:.]+Z)\)/.exec(p.message)?.[1] ?? /now is (\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(p.message)?.[1];
      // The date a problem names is a due date, "now", or a start (a request, the cycle's end): each read as it is shown in the preview.
      const when = p.code === 'compile-before-due' ? i18n.due : p.code === 'compile-in-past' ? i18n.dateTime : i18n.start;
      return i18n.t(key, { n: row ? Number(row[1]) + 1 : 0, date: iso ? when(iso) : '' });
    },
  );
}
