import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError } from 'class-validator';
import {
  contentFromDraft,
  DRAFT_TEXT_LISTS,
  DraftTextList,
  emptyDraft,
  FieldOf,
  IndicatorDefinition,
  predefinedIndicators,
  ReportDraft,
  ReportTemplate,
  SubmissionContent,
  templateProblems,
  LocalizedText,
} from '@pact/domain';
import { IndicatorDto, MeasureDto, SubmissionDto } from '../../submissions/submission.dto';
import { FormProblem, sayCharacterProblem } from '../form-errors';

/**
 * The report form of a task, generated from the cycle's template: reading a posted form into a
 * draft (answers as typed), the "add another" and "remove" buttons that work without
 * JavaScript, and the check before submitting with exactly the API's rules (the SubmissionDto's
 * class-validator rules, then the domain's template check), each problem placed beside the
 * field it came from and worded in the reader's language.
 */

/** The lists a person can add rows to and remove rows from. */
export const ROW_LISTS = ['measures', 'custom', ...DRAFT_TEXT_LISTS] as const;
export type RowList = (typeof ROW_LISTS)[number];

export type ReportAction = { kind: 'save' } | { kind: 'continue' } | { kind: 'add'; list: RowList } | { kind: 'remove'; list: RowList; row: number };

const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** Rows named `<prefix>-<row>-<field>` (or `<prefix>-<row>` for single texts), in row order, gaps closed. */
function rowsOf(body: Record<string, unknown>, prefix: string): Record<string, string>[] {
  const found = new Map<number, Record<string, string>>();
  const re = new RegExp(`^${prefix}-(\\d{1,4})(?:-([a-z]+))?$`);
  for (const [name, value] of Object.entries(body)) {
    const m = re.exec(name);
    if (!m) continue;
    const row = Number(m[1]);
    const fields = found.get(row) ?? {};
    fields[m[2] ?? 'text'] = text(value);
    found.set(row, fields);
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, fields]) => fields);
}

/** The posted form as a draft: only fields the template asks for are read, everything as typed. */
export function readReportForm(body: Record<string, unknown>, template: ReportTemplate, groupKey: string): ReportDraft {
  const draft = emptyDraft();
  draft.measures = rowsOf(body, 'measures').map((r) => ({ title: r.title ?? '', status: r.status ?? '', description: r.description ?? '' }));
  draft.predefinedIndicators = predefinedIndicators(template, groupKey).map((d) => ({
    key: d.key,
    baseline: text(body[`indicator-${d.key}-baseline`]),
    target: text(body[`indicator-${d.key}-target`]),
    actual: text(body[`indicator-${d.key}-actual`]),
  }));
  draft.customIndicators = template.allowCustomIndicators
    ? rowsOf(body, 'custom').map((r) => ({
        key: /^[a-z][a-z0-9-]{0,62}$/.test(r.key ?? '') ? r.key : '',
        name: r.name ?? '',
        unit: r.unit ?? '',
        baseline: r.baseline ?? '',
        target: r.target ?? '',
        actual: r.actual ?? '',
      }))
    : [];
  for (const list of DRAFT_TEXT_LISTS) draft[list] = rowsOf(body, list).map((r) => r.text ?? '');
  return draft;
}

/** Which button was pressed (the form's default, Enter in a field, is "save"). */
export function readAction(value: unknown): ReportAction {
  const v = text(value);
  if (v === 'continue') return { kind: 'continue' };
  const m = /^(add|remove)-(measures|custom|goodPractices|obstacles|recommendations)(?:-(\d{1,4}))?$/.exec(v);
  if (m && m[1] === 'add' && m[3] === undefined) return { kind: 'add', list: m[2] as RowList };
  if (m && m[1] === 'remove' && m[3] !== undefined) return { kind: 'remove', list: m[2] as RowList, row: Number(m[3]) };
  return { kind: 'save' };
}

/** The most rows a list may have in a report of this template. */
export function maxRows(list: RowList, template: ReportTemplate, groupKey: string): number {
  if (list === 'measures') return template.limits.maxMeasures;
  if (list === 'custom')
    return template.allowCustomIndicators ? Math.max(0, template.limits.maxIndicators - predefinedIndicators(template, groupKey).length) : 0;
  return template.limits.maxItemsPerList;
}

/** The id of a list's fieldset (what "remove" returns to, and a list-wide error links to). */
export const listId = (list: RowList) => (list === 'custom' ? 'custom-indicators' : list);

/**
 * Adds a blank row or removes one; returns the new draft and the id of the field to go to
 * (the new row's first field, or the list after a removal).
 */
export function applyRowAction(draft: ReportDraft, action: ReportAction, template: ReportTemplate, groupKey: string): { draft: ReportDraft; focus?: string } {
  if (action.kind !== 'add' && action.kind !== 'remove') return { draft };
  const next: ReportDraft = {
    ...draft,
    measures: [...draft.measures],
    customIndicators: [...draft.customIndicators],
    goodPractices: [...draft.goodPractices],
    obstacles: [...draft.obstacles],
    recommendations: [...draft.recommendations],
  };
  // What the page showed: lists padded to one blank row (measures and texts), so "add" adds after it.
  const shown = (list: RowList) =>
    list === 'custom' ? next.customIndicators.length : Math.max(1, list === 'measures' ? next.measures.length : next[list].length);
  if (action.kind === 'add') {
    const at = shown(action.list);
    if (at >= maxRows(action.list, template, groupKey)) return { draft: next, focus: listId(action.list) };
    if (action.list === 'measures') {
      while (next.measures.length <= at) next.measures.push({ title: '', status: '', description: '' });
      return { draft: next, focus: `measures-${at}-title` };
    }
    if (action.list === 'custom') {
      next.customIndicators.push({ key: '', name: '', unit: '', baseline: '', target: '', actual: '' });
      return { draft: next, focus: `custom-${at}-name` };
    }
    while (next[action.list].length <= at) next[action.list].push('');
    return { draft: next, focus: `${action.list}-${at}` };
  }
  if (action.list === 'measures') next.measures.splice(action.row, 1);
  else if (action.list === 'custom') next.customIndicators.splice(action.row, 1);
  else next[action.list].splice(action.row, 1);
  return { draft: next, focus: listId(action.list) };
}

export interface ReportCheck {
  problems: FormProblem[];
  fieldOf: FieldOf;
  /** Set when there is no problem: exactly what the API would accept. */
  content?: SubmissionContent;
}

function flatten(errors: ValidationError[], prefix = ''): FormProblem[] {
  return errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    // The first rule broken is the one to say (class-validator lists them in declaration order).
    const first = Object.entries(e.constraints ?? {})[0];
    // A rule on each item of a list of texts is reported on the list: find the items that break it.
    if (first?.[0] === 'maxLength' && Array.isArray(e.value)) {
      const max = maxLengthOf(SubmissionDto, e.property) ?? 0;
      return (e.value as unknown[]).flatMap((v, i) =>
        typeof v === 'string' && v.length > max ? [{ path: `${path}[${i}]`, message: first[1], rule: 'maxLength', params: { max } }] : [],
      );
    }
    const missing = e.value === undefined || e.value === null || (typeof e.value === 'string' && !e.value.trim());
    const own: FormProblem[] = first ? [{ path, message: first[1], rule: first[0], params: { missing: missing ? 1 : 0 } }] : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * The API's body rules on a draft, the SubmissionDto's (as the ValidationPipe applies them):
 * what a submission must pass before SubmissionService takes it. The template's rules are the
 * service's (it runs them when submitting); `checkReport` adds them where nothing is submitted.
 */
export async function checkReportBody(draft: ReportDraft, template: ReportTemplate, groupKey: string): Promise<ReportCheck> {
  const { body, fieldOf } = contentFromDraft(draft, template, groupKey);
  const dto = plainToInstance(SubmissionDto, body);
  const dtoProblems = flatten(await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }));
  return dtoProblems.length ? { problems: dtoProblems, fieldOf } : { problems: [], fieldOf, content: body as unknown as SubmissionContent };
}

/** Adds the template's rules (the function SubmissionService runs) to a check the body's rules passed. */
export function withTemplateRules(check: ReportCheck, template: ReportTemplate, groupKey: string): ReportCheck {
  if (!check.content) return check;
  const problems = templateProblems(template, groupKey, check.content);
  return problems.length ? { problems, fieldOf: check.fieldOf } : check;
}

/**
 * The API's rules on a draft: the SubmissionDto's, then, when those pass, the template's: what
 * "continue" and "check your answers" show, where nothing is submitted.
 */
export async function checkReport(draft: ReportDraft, template: ReportTemplate, groupKey: string): Promise<ReportCheck> {
  return withTemplateRules(await checkReportBody(draft, template, groupKey), template, groupKey);
}

/** The longest text a DTO field accepts (read from its class-validator rules, so the hint cannot drift from the rule). */
export function maxLengthOf(dto: 'measure' | 'indicator' | typeof SubmissionDto, property: string): number | undefined {
  const target = dto === 'measure' ? MeasureDto : dto === 'indicator' ? IndicatorDto : dto;
  const rule = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === property && m.name === 'maxLength');
  return typeof rule?.constraints?.[0] === 'number' ? rule.constraints[0] : undefined;
}

/** The longest answer in a text of the report: the template's limit (never above the API's ceiling). */
export function maxTextOf(template: ReportTemplate): number {
  return Math.min(template.limits.maxTextLength, maxLengthOf('measure', 'description') ?? template.limits.maxTextLength);
}

const TOO_LONG = new Set(['maxLength', 'too-long']);
const TOO_MANY = new Set(['arrayMaxSize', 'too-many']);

/**
 * A problem in the reader's words, naming the answer ("Enter the title of measure 2"): the same
 * sentence beside the field and in the error summary.
 */
export function sayReportProblem(
  p: FormProblem,
  field: string,
  ctx: { t: (key: string, params?: Record<string, LocalizedText | number>) => string; template: ReportTemplate; groupKey: string; draft: ReportDraft },
): string {
  const { t, template } = ctx;
  const characters = sayCharacterProblem(p, t);
  if (characters) return characters;
  const rule = p.rule ?? '';
  const max = typeof p.params?.max === 'number' ? p.params.max : undefined;
  let m: RegExpExecArray | null;

  if ((m = /^measures-(\d+)-(title|status|description)$/.exec(field))) {
    const n = Number(m[1]) + 1;
    if (m[2] === 'status') return t('reportForm.error.measureStatus', { n });
    if (m[2] === 'title')
      return TOO_LONG.has(rule)
        ? t('reportForm.error.measureTitleTooLong', { n, max: maxLengthOf('measure', 'title') ?? 0 })
        : t('reportForm.error.measureTitleMissing', { n });
    return t('reportForm.error.measureDescriptionTooLong', { n, max: max ?? maxTextOf(template) });
  }
  if ((m = /^indicator-([a-z][a-z0-9-]*)-(baseline|target|actual)$/.exec(field))) {
    const def = predefinedIndicators(template, ctx.groupKey).find((d: IndicatorDefinition) => d.key === m![1]);
    const indicator = def?.name ?? m[1];
    return t(`reportForm.error.${p.params?.missing ? 'valueMissing' : 'valueNotNumber'}.${m[2]}`, { indicator });
  }
  if ((m = /^custom-(\d+)-(name|unit|baseline|target|actual)$/.exec(field))) {
    const row = Number(m[1]);
    const name = ctx.draft.customIndicators[row]?.name?.trim();
    const indicator = name || t('reportForm.customIndicatorN', { n: row + 1 });
    if (rule === 'indicator-twice') return t('reportForm.error.customTwice', { indicator });
    if (m[2] === 'name')
      return TOO_LONG.has(rule)
        ? t('reportForm.error.customNameTooLong', { n: row + 1, max: maxLengthOf('indicator', 'name') ?? 0 })
        : t('reportForm.error.customNameMissing', { n: row + 1 });
    if (m[2] === 'unit')
      return TOO_LONG.has(rule)
        ? t('reportForm.error.customUnitTooLong', { indicator, max: maxLengthOf('indicator', 'unit') ?? 0 })
        : t('reportForm.error.customUnitMissing', { indicator });
    return t(`reportForm.error.${p.params?.missing ? 'valueMissing' : 'valueNotNumber'}.${m[2]}`, { indicator });
  }
  if ((m = /^(goodPractices|obstacles|recommendations)-(\d+)$/.exec(field))) {
    return t(`reportForm.error.textTooLong.${m[1]}`, { n: Number(m[2]) + 1, max: max ?? maxTextOf(template) });
  }
  if ((m = /^(measures|indicators|custom-indicators|goodPractices|obstacles|recommendations)$/.exec(field)) && TOO_MANY.has(rule)) {
    const list = m[1] === 'custom-indicators' ? 'indicators' : m[1];
    return t(`reportForm.error.tooMany.${list}`, { max: max ?? 0 });
  }
  return t('reportForm.error.other');
}

/** Lists padded to one blank row (measures and texts), as the form shows them. */
export function shownRows(draft: ReportDraft): { measures: ReportDraft['measures']; texts: Record<DraftTextList, string[]> } {
  const texts = {} as Record<DraftTextList, string[]>;
  for (const list of DRAFT_TEXT_LISTS) texts[list] = draft[list].length ? draft[list] : [''];
  return { measures: draft.measures.length ? draft.measures : [{ title: '', status: '', description: '' }], texts };
}
