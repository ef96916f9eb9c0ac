import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError } from 'class-validator';
import {
  contentFromDraft,
  DRAFT_TEXT_LISTS,
  DraftPathOf,
  DraftTextList,
  emptyDraft,
  IndicatorDefinition,
  predefinedIndicators,
  predefinedValuePath,
  ReportDraft,
  ReportTemplate,
  SubmissionContent,
  templateProblems,
} from '@pact/domain';
import { IndicatorDto, MeasureDto, SubmissionDto } from '../../submissions/submission.dto';
import { FormProblem, isMissing } from '../form-errors';
import { FieldView, firstText as text, PageText, Say } from './fields/field';
import { FieldDefinition, FormModel, FormValues } from './form-model';

/**
 * The report form of a task, generated from the cycle's template: its form model (one field
 * definition per input: posted name, label, the draft path it feeds, its type's rules), reading
 * a posted form into a draft (answers as typed), the "add another" and "remove" buttons that
 * work without JavaScript, and the check before submitting with exactly the API's rules (the
 * SubmissionDto's class-validator rules, then the domain's template check), each problem placed
 * beside the field it came from and worded in the reader's language by the form model.
 */

/** The lists a person can add rows to and remove rows from. */
export const ROW_LISTS = ['measures', 'custom', ...DRAFT_TEXT_LISTS] as const;
export type RowList = (typeof ROW_LISTS)[number];

export type ReportAction = { kind: 'save' } | { kind: 'continue' } | { kind: 'add'; list: RowList } | { kind: 'remove'; list: RowList; row: number };

type MeasureField = 'title' | 'status' | 'description';
type ValueField = 'baseline' | 'target' | 'actual';
type CustomField = 'name' | 'unit' | ValueField;
const VALUES: readonly ValueField[] = ['baseline', 'target', 'actual'];

/**
 * The posted names (and input ids) of the report form's fields: the one place they are spelt.
 * Rows are `<list>-<row>-<field>` (a text list's items `<list>-<row>`), so a posted form reads back by row.
 */
export const reportNames = {
  measure: (row: number, field: MeasureField) => `measures-${row}-${field}`,
  indicator: (key: string, field: ValueField) => `indicator-${key}-${field}`,
  custom: (row: number, field: CustomField | 'key') => `custom-${row}-${field}`,
  item: (list: DraftTextList, row: number) => `${list}-${row}`,
  /** A list's fieldset (what "remove" returns to, and a list-wide error links to). */
  list: (list: RowList | 'indicators') => (list === 'custom' ? 'custom-indicators' : list),
};

/** Rows named `<list>-<row>-<field>` (or `<list>-<row>` for single texts), in row order, gaps closed. */
function rowsOf(body: Record<string, unknown>, list: RowList): Record<string, string>[] {
  const found = new Map<number, Record<string, string>>();
  const re = new RegExp(`^${list}-(\\d{1,4})(?:-([a-z]+))?$`);
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
    baseline: text(body[reportNames.indicator(d.key, 'baseline')]),
    target: text(body[reportNames.indicator(d.key, 'target')]),
    actual: text(body[reportNames.indicator(d.key, 'actual')]),
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
    if (at >= maxRows(action.list, template, groupKey)) return { draft: next, focus: reportNames.list(action.list) };
    if (action.list === 'measures') {
      while (next.measures.length <= at) next.measures.push({ title: '', status: '', description: '' });
      return { draft: next, focus: reportNames.measure(at, 'title') };
    }
    if (action.list === 'custom') {
      next.customIndicators.push({ key: '', name: '', unit: '', baseline: '', target: '', actual: '' });
      return { draft: next, focus: reportNames.custom(at, 'name') };
    }
    while (next[action.list].length <= at) next[action.list].push('');
    return { draft: next, focus: reportNames.item(action.list, at) };
  }
  if (action.list === 'measures') next.measures.splice(action.row, 1);
  else if (action.list === 'custom') next.customIndicators.splice(action.row, 1);
  else next[action.list].splice(action.row, 1);
  return { draft: next, focus: reportNames.list(action.list) };
}

export interface ReportCheck {
  problems: FormProblem[];
  /** The draft path of each path of the body (problems are found in the body). */
  draftPathOf: DraftPathOf;
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
    const own: FormProblem[] = first ? [{ path, message: first[1], rule: first[0], params: { missing: isMissing(e.value) ? 1 : 0 } }] : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * The API's body rules on a draft, the SubmissionDto's (as the ValidationPipe applies them):
 * what a submission must pass before SubmissionService takes it. The template's rules are the
 * service's (it runs them when submitting); `checkReport` adds them where nothing is submitted.
 */
export async function checkReportBody(draft: ReportDraft, template: ReportTemplate, groupKey: string): Promise<ReportCheck> {
  const { body, draftPathOf } = contentFromDraft(draft, template, groupKey);
  const dto = plainToInstance(SubmissionDto, body);
  const dtoProblems = flatten(await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }));
  return dtoProblems.length ? { problems: dtoProblems, draftPathOf } : { problems: [], draftPathOf, content: body as unknown as SubmissionContent };
}

/** Adds the template's rules (the function SubmissionService runs) to a check the body's rules passed. */
export function withTemplateRules(check: ReportCheck, template: ReportTemplate, groupKey: string): ReportCheck {
  if (!check.content) return check;
  const problems = templateProblems(template, groupKey, check.content);
  return problems.length ? { problems, draftPathOf: check.draftPathOf } : check;
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

/** Lists padded to one blank row (measures and texts), as the form shows them. */
export function shownRows(draft: ReportDraft): { measures: ReportDraft['measures']; texts: Record<DraftTextList, string[]> } {
  const texts = {} as Record<DraftTextList, string[]>;
  for (const list of DRAFT_TEXT_LISTS) texts[list] = draft[list].length ? draft[list] : [''];
  return { measures: draft.measures.length ? draft.measures : [{ title: '', status: '', description: '' }], texts };
}

/** The report form of a template for a group and the draft it shows: its form model, values and layout. */
export interface ReportForm {
  model: FormModel;
  values: FormValues;
  /** Rows of the form: the names of each row's fields, in the order the page shows them. */
  rows: {
    measures: { title: string; status: string; description: string }[];
    predefined: (Pick<IndicatorDefinition, 'key' | 'name' | 'unit'> & { values: string[] })[];
    custom: { keyName: string; key: string; name: string; unit: string; values: string[] }[];
    texts: { list: DraftTextList; items: string[] }[];
  };
}

/**
 * The report form from the template (its measure statuses, the group's indicators, whether
 * the group may add its own, its limits) and the draft shown (how many rows each list has).
 */
export function reportForm(template: ReportTemplate, groupKey: string, draft: ReportDraft): ReportForm {
  const fields: FieldDefinition[] = [];
  const values: FormValues = {};
  const add = (field: FieldDefinition, value: string) => {
    fields.push(field);
    values[field.name] = value;
  };
  const shown = shownRows(draft);
  const titleMax = maxLengthOf('measure', 'title');
  const nameMax = maxLengthOf('indicator', 'name');
  const textMax = maxTextOf(template);
  const chars = (max: number | undefined): PageText => ({ key: 'reportForm.charsHint', params: { max: max ?? 0 } });
  const rows: ReportForm['rows'] = { measures: [], predefined: [], custom: [], texts: [] };

  add(
    {
      type: 'list',
      name: reportNames.list('measures'),
      path: 'measures',
      label: { key: 'reportForm.measures' },
      named: { key: 'reportForm.named.list.measures' },
      max: maxRows('measures', template, groupKey),
    },
    '',
  );
  shown.measures.forEach((m, row) => {
    const n = row + 1;
    const name = (f: MeasureField) => reportNames.measure(row, f);
    add(
      {
        type: 'text',
        name: name('title'),
        path: `measures[${row}].title`,
        label: { key: 'reportForm.measureTitle' },
        named: { key: 'reportForm.named.measureTitle', params: { n } },
        hint: chars(titleMax),
        max: titleMax,
      },
      m.title,
    );
    add(
      {
        type: 'choice',
        name: name('status'),
        path: `measures[${row}].status`,
        label: { key: 'reportForm.measureStatus' },
        named: { key: 'reportForm.named.measureStatus', params: { n } },
        placeholder: { key: 'reportForm.chooseStatus' },
        options: template.measureStatuses.map((s) => ({ value: s, label: { key: `measureStatus.${s}` } })),
      },
      m.status,
    );
    add(
      {
        type: 'text',
        multiline: true,
        name: name('description'),
        path: `measures[${row}].description`,
        label: { key: 'reportForm.measureDescription' },
        named: { key: 'reportForm.named.measureDescription', params: { n } },
        hint: chars(textMax),
        max: textMax,
      },
      m.description,
    );
    rows.measures.push({ title: name('title'), status: name('status'), description: name('description') });
  });

  add(
    {
      type: 'list',
      name: reportNames.list('indicators'),
      path: 'indicators',
      label: { key: 'reportForm.indicators' },
      named: { key: 'reportForm.named.list.indicators' },
    },
    '',
  );
  for (const d of predefinedIndicators(template, groupKey)) {
    const v = draft.predefinedIndicators.find((p) => p.key === d.key);
    for (const f of VALUES)
      add(
        {
          type: 'number',
          name: reportNames.indicator(d.key, f),
          path: predefinedValuePath(d.key, f),
          label: { key: `reportForm.${f}` },
          named: { key: `reportForm.named.${f}`, params: { indicator: d.name } },
          unit: d.unit,
        },
        v?.[f] ?? '',
      );
    rows.predefined.push({ key: d.key, name: d.name, unit: d.unit, values: VALUES.map((f) => reportNames.indicator(d.key, f)) });
  }

  if (template.allowCustomIndicators) {
    add(
      {
        type: 'list',
        name: reportNames.list('custom'),
        path: 'customIndicators',
        label: { key: 'reportForm.customIndicators' },
        named: { key: 'reportForm.named.list.indicators' },
        max: maxRows('custom', template, groupKey),
      },
      '',
    );
    draft.customIndicators.forEach((c, row) => {
      const name = (f: CustomField) => reportNames.custom(row, f);
      const path = `customIndicators[${row}]`;
      // Messages name the indicator as the chair named it, or by its row until it has a name.
      const indicator = c.name.trim() || { key: 'reportForm.customIndicatorN', params: { n: row + 1 } };
      add(
        {
          type: 'text',
          name: name('name'),
          path: `${path}.name`,
          also: [`${path}.key`, path],
          label: { key: 'reportForm.customName' },
          named: { key: 'reportForm.named.customName', params: { n: row + 1 } },
          hint: chars(nameMax),
          max: nameMax,
        },
        c.name,
      );
      add(
        {
          type: 'text',
          name: name('unit'),
          path: `${path}.unit`,
          label: { key: 'reportForm.customUnit' },
          named: { key: 'reportForm.named.customUnit', params: { indicator } },
          hint: { key: 'reportForm.customUnitHint' },
          max: maxLengthOf('indicator', 'unit'),
          width: 'short',
        },
        c.unit,
      );
      for (const f of VALUES)
        add(
          {
            type: 'number',
            name: name(f),
            path: `${path}.${f}`,
            label: { key: `reportForm.${f}` },
            named: { key: `reportForm.named.${f}`, params: { indicator } },
          },
          c[f],
        );
      rows.custom.push({ keyName: reportNames.custom(row, 'key'), key: c.key, name: name('name'), unit: name('unit'), values: VALUES.map(name) });
    });
  }

  for (const list of DRAFT_TEXT_LISTS) {
    add(
      {
        type: 'list',
        name: reportNames.list(list),
        path: list,
        label: { key: `reportForm.list.${list}` },
        named: { key: `reportForm.named.list.${list}` },
        max: template.limits.maxItemsPerList,
      },
      '',
    );
    const items = shown.texts[list].map((item, row) => {
      const n = row + 1;
      add(
        {
          type: 'text',
          multiline: true,
          name: reportNames.item(list, row),
          path: `${list}[${row}]`,
          label: { key: `reportForm.item.${list}`, params: { n } },
          named: { key: `reportForm.named.item.${list}`, params: { n } },
          max: textMax,
          labelClass: 'label-row',
        },
        item,
      );
      return reportNames.item(list, row);
    });
    rows.texts.push({ list, items });
  }
  return { model: new FormModel(fields), values, rows };
}

/** The form's rows as the page renders them: each field's view model in its place. */
export function reportFormView(form: ReportForm, t: Say) {
  const v = form.model.view(form.values, t);
  const at = (name: string): FieldView => v[name];
  return {
    measures: form.rows.measures.map((r) => ({ title: at(r.title), status: at(r.status), description: at(r.description) })),
    predefined: form.rows.predefined.map((r) => ({ key: r.key, name: r.name, unit: r.unit, values: r.values.map(at) })),
    custom: form.rows.custom.map((r) => ({ keyName: r.keyName, key: r.key, name: at(r.name), unit: at(r.unit), values: r.values.map(at) })),
    textLists: form.rows.texts.map((r) => ({ key: r.list, items: r.items.map(at) })),
  };
}
