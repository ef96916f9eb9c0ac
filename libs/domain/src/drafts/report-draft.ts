import { textIn } from '../texts/localized-text';
import type { ContentProblem, SubmissionContent } from '../submissions/submission-content';
import { predefinedIndicators, type ReportTemplate } from '../templates/report-template';

/**
 * A report as the chair is still writing it: every answer exactly as typed (numbers too, so
 * "12,5" or a half-typed value comes back as it was), rows that may be blank, nothing checked
 * yet. Kept server-side as the task's draft (one per task) until it is submitted; then it
 * becomes a SubmissionContent through `contentFromDraft`, and the same rules as the API decide.
 */
export interface DraftMeasure {
  title: string;
  status: string;
  description: string;
}

export interface DraftValues {
  baseline: string;
  target: string;
  actual: string;
}

/** A predefined indicator of the group (the template names it and gives its unit). */
export interface DraftPredefinedIndicator extends DraftValues {
  key: string;
}

/** An indicator of the group's own; `key` is kept once known (from an earlier revision), else made from the name. */
export interface DraftCustomIndicator extends DraftValues {
  key: string;
  name: string;
  unit: string;
}

export const DRAFT_TEXT_LISTS = ['goodPractices', 'obstacles', 'recommendations'] as const;
export type DraftTextList = (typeof DRAFT_TEXT_LISTS)[number];

export interface ReportDraft {
  measures: DraftMeasure[];
  predefinedIndicators: DraftPredefinedIndicator[];
  customIndicators: DraftCustomIndicator[];
  goodPractices: string[];
  obstacles: string[];
  recommendations: string[];
}

/** Longest text a draft keeps: more than any template allows, so an over-long answer is kept to be shortened, yet bounded. */
export const DRAFT_TEXT_MAX = 20_000;

export function emptyDraft(): ReportDraft {
  return { measures: [], predefinedIndicators: [], customIndicators: [], goodPractices: [], obstacles: [], recommendations: [] };
}

const blank = (s: string | undefined) => !s || !s.trim();
const blankValues = (v: DraftValues) => blank(v.baseline) && blank(v.target) && blank(v.actual);
export const isBlankMeasure = (m: DraftMeasure) => blank(m.title) && blank(m.status) && blank(m.description);
export const isBlankCustomIndicator = (i: DraftCustomIndicator) => blank(i.name) && blank(i.unit) && blankValues(i);

const show = (n: number) => String(n);

/** A submitted report as a draft to start from (the previous revision, or last cycle's report). */
export function draftFromContent(content: SubmissionContent, template: ReportTemplate, groupKey: string): ReportDraft {
  const defined = new Set(predefinedIndicators(template, groupKey).map((d) => d.key));
  const values = (i: { baseline: number; target: number; actual: number }): DraftValues => ({
    baseline: show(i.baseline),
    target: show(i.target),
    actual: show(i.actual),
  });
  return {
    measures: content.measures.map((m) => ({ title: m.title, status: m.status, description: m.description ?? '' })),
    predefinedIndicators: content.indicators.filter((i) => defined.has(i.key)).map((i) => ({ key: i.key, ...values(i) })),
    customIndicators: template.allowCustomIndicators
      ? content.indicators.filter((i) => !defined.has(i.key)).map((i) => ({ key: i.key, name: textIn(i.name, 'en'), unit: textIn(i.unit, 'en'), ...values(i) }))
      : [],
    goodPractices: [...content.goodPractices],
    obstacles: [...content.obstacles],
    recommendations: [...content.recommendations],
  };
}

/**
 * A number as people type it: "12.5", "12,5", "-3", "1 200" (spaces and non-breaking spaces as
 * thousands separators). Blank is undefined; anything else is returned as typed, so the API's
 * own rule ("must be a number") refuses it and names the field.
 */
export function parseDraftNumber(raw: string): number | string | undefined {
  const s = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!s) return undefined;
  if (/^[-+]?\d+([.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return raw.trim();
}

/** A key for a custom indicator from its name ("People reached" → "people-reached"), as the API's key rule wants. */
export function indicatorKeyFrom(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

/**
 * Where a value of the body came from in the draft: the draft's path of a body's path
 * (`indicators[1].target` → `customIndicators[0].target`), so that a problem the API's rules
 * find in the body is shown where the person typed it. Draft paths: `measures[<row>].<field>`,
 * `indicators.<key>.<value>` (a predefined indicator, by its key), `customIndicators[<row>].<field>`,
 * `<list>[<row>]`, and a list's own path for the list.
 */
export type DraftPathOf = (bodyPath: string) => string;

/**
 * The draft as the body the API would receive (blank rows left out, numbers parsed, custom
 * indicators keyed), and the draft path each of its values came from.
 */
export function contentFromDraft(draft: ReportDraft, template: ReportTemplate, groupKey: string): { body: Record<string, unknown>; draftPathOf: DraftPathOf } {
  const measureRows: number[] = [];
  const measures = draft.measures.flatMap((m, row) => {
    if (isBlankMeasure(m)) return [];
    measureRows.push(row);
    return [{ title: m.title.trim(), status: m.status, ...(blank(m.description) ? {} : { description: m.description.trim() }) }];
  });

  const indicatorPaths: ((field: string | undefined) => string)[] = [];
  const defined = predefinedIndicators(template, groupKey);
  const indicators: Record<string, unknown>[] = [];
  for (const def of defined) {
    const v = draft.predefinedIndicators.find((i) => i.key === def.key);
    if (!v || blankValues(v)) continue;
    indicators.push({ key: def.key, baseline: parseDraftNumber(v.baseline), target: parseDraftNumber(v.target), actual: parseDraftNumber(v.actual) });
    indicatorPaths.push((field) => predefinedValuePath(def.key, field === 'target' || field === 'actual' ? field : 'baseline'));
  }
  draft.customIndicators.forEach((c, row) => {
    if (isBlankCustomIndicator(c)) return;
    const key = c.key || indicatorKeyFrom(c.name, `custom-${row + 1}`);
    indicators.push({
      key,
      ...(blank(c.name) ? {} : { name: c.name.trim() }),
      ...(blank(c.unit) ? {} : { unit: c.unit.trim() }),
      baseline: parseDraftNumber(c.baseline),
      target: parseDraftNumber(c.target),
      actual: parseDraftNumber(c.actual),
    });
    // A whole-indicator problem (no name or unit) and a key problem are the name's (or the unit's when the name is there).
    indicatorPaths.push((field) => {
      if (field === 'baseline' || field === 'target' || field === 'actual' || field === 'unit' || field === 'name') return `customIndicators[${row}].${field}`;
      return `customIndicators[${row}].${blank(c.name) || field === 'key' ? 'name' : 'unit'}`;
    });
  });

  const textRows: Record<DraftTextList, number[]> = { goodPractices: [], obstacles: [], recommendations: [] };
  const texts = {} as Record<DraftTextList, string[]>;
  for (const list of DRAFT_TEXT_LISTS) {
    texts[list] = draft[list].flatMap((t, row) => {
      if (blank(t)) return [];
      textRows[list].push(row);
      return [t.trim()];
    });
  }

  const draftPathOf: DraftPathOf = (path) => {
    const m = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?/.exec(path);
    if (!m) return 'measures';
    const [, list, index, field] = m;
    const i = index === undefined ? undefined : Number(index);
    if (list === 'measures')
      return i === undefined ? 'measures' : `measures[${measureRows[i] ?? i}].${field === 'status' || field === 'description' ? field : 'title'}`;
    if (list === 'indicators') return i === undefined ? 'indicators' : (indicatorPaths[i]?.(field) ?? 'indicators');
    if ((DRAFT_TEXT_LISTS as readonly string[]).includes(list)) {
      const rows = textRows[list as DraftTextList];
      return i === undefined ? list : `${list}[${rows[i] ?? i}]`;
    }
    return 'measures';
  };
  return { body: { measures, indicators, ...texts }, draftPathOf };
}

/** The draft path of a predefined indicator's value: by its key, as the template names it (the draft's rows follow no order). */
export const predefinedValuePath = (key: string, value: keyof DraftValues) => `indicators.${key}.${value}`;

/**
 * What a draft may hold at all (the engine refuses more, whatever the page sent): no more rows
 * than the template allows in a report, texts bounded by DRAFT_TEXT_MAX. Over-long answers
 * within that are kept, to be shortened before submitting.
 */
export function draftProblems(draft: ReportDraft, template: ReportTemplate, groupKey: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const limits = template.limits;
  const defined = new Set(predefinedIndicators(template, groupKey).map((d) => d.key));
  const tooLong = (path: string, s: unknown) => {
    if (typeof s !== 'string') problems.push({ path, message: 'must be a text', rule: 'not-text' });
    else if (s.length > DRAFT_TEXT_MAX)
      problems.push({ path, message: `at most ${DRAFT_TEXT_MAX} characters in a draft`, rule: 'too-long', params: { max: DRAFT_TEXT_MAX } });
  };
  if (draft.measures.length > limits.maxMeasures)
    problems.push({ path: 'measures', message: `at most ${limits.maxMeasures} measures`, rule: 'too-many', params: { max: limits.maxMeasures } });
  draft.measures.forEach((m, i) => (['title', 'status', 'description'] as const).forEach((f) => tooLong(`measures[${i}].${f}`, m[f])));
  draft.predefinedIndicators.forEach((p) => {
    if (!defined.has(p.key))
      problems.push({ path: `indicators.${p.key}`, message: `not an indicator of working group ${groupKey}`, rule: 'indicator-unknown' });
    else (['baseline', 'target', 'actual'] as const).forEach((f) => tooLong(predefinedValuePath(p.key, f), p[f]));
  });
  if (!template.allowCustomIndicators && draft.customIndicators.length)
    problems.push({ path: 'customIndicators', message: 'the template allows no indicators of the group’s own', rule: 'custom-not-allowed' });
  if (draft.customIndicators.length > limits.maxIndicators)
    problems.push({ path: 'customIndicators', message: `at most ${limits.maxIndicators} indicators`, rule: 'too-many', params: { max: limits.maxIndicators } });
  draft.customIndicators.forEach((c, i) =>
    (['key', 'name', 'unit', 'baseline', 'target', 'actual'] as const).forEach((f) => tooLong(`customIndicators[${i}].${f}`, c[f])),
  );
  for (const list of DRAFT_TEXT_LISTS) {
    if (draft[list].length > limits.maxItemsPerList)
      problems.push({ path: list, message: `at most ${limits.maxItemsPerList} items`, rule: 'too-many', params: { max: limits.maxItemsPerList } });
    draft[list].forEach((t, i) => tooLong(`${list}[${i}]`, t));
  }
  return problems;
}
