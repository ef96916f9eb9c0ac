import { FormError, formErrors, FormProblem } from '../form-errors';
import { ChoiceField, choiceField } from './fields/choice/choice-field';
import { DateField, dateField } from './fields/date/date-field';
import { BaseField, FieldType, FieldView, formRuleOf, say, Say } from './fields/field';
import { IndicatorField, indicatorField } from './fields/indicator/indicator-field';
import { LinksField, linksField } from './fields/links/links-field';
import { ListField, listField } from './fields/list/list-field';
import { NumberField, numberField } from './fields/number/number-field';
import { RatingField, ratingField } from './fields/rating/rating-field';
import { TextField, textField } from './fields/text/text-field';
import { YesNoField, yesNoField } from './fields/yes-no/yes-no-field';

/**
 * A form as a list of field definitions: the report form's built from the cycle's template,
 * the start-a-cycle form's fixed. From it a page reads the posted values, builds the view
 * model (each field's partial with its value and, through `errors`, its error beside it and in
 * the summary) and words the problems the API's, the domain's and the engine's rules found:
 * each problem's path names its field, the field's type names the rule's message (one per rule,
 * `forms.errors.*`), and the message names the field.
 *
 * A new question type is one folder under fields/ (its definition, rules with their messages,
 * view model), its partial in apps/api/web/views/components, its messages in `forms.errors`,
 * and one line each in the union and the table below.
 */
export type FieldDefinition = TextField | NumberField | DateField | ChoiceField | ListField | RatingField | YesNoField | LinksField | IndicatorField;

const FIELD_TYPES: { [T in FieldDefinition['type']]: FieldType<Extract<FieldDefinition, { type: T }>> } = {
  text: textField,
  number: numberField,
  date: dateField,
  choice: choiceField,
  list: listField,
  rating: ratingField,
  yesNo: yesNoField,
  links: linksField,
  indicator: indicatorField,
};

const typeOf = (field: FieldDefinition) => FIELD_TYPES[field.type] as FieldType<BaseField>;

/** A path one step up (`measures[2].title` → `measures[2]` → `measures`), or null at the top. */
const parentOf = (path: string): string | null => {
  const m = /^(.*)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
  return m && m[1] ? m[1] : null;
};

export type FormValues = Record<string, string | string[]>;

export class FormModel {
  private readonly byName = new Map<string, FieldDefinition>();
  private readonly byPath = new Map<string, FieldDefinition>();

  constructor(readonly fields: FieldDefinition[]) {
    for (const f of fields) {
      this.byName.set(f.name, f);
      for (const path of [f.path, ...(f.also ?? [])]) if (!this.byPath.has(path)) this.byPath.set(path, f);
    }
  }

  field(name: string): FieldDefinition | undefined {
    return this.byName.get(name);
  }

  /**
   * The field a problem's path belongs to: its own, else the nearest one above it (a list for a
   * row it no longer shows), else the form's first (a problem is never left unsaid).
   */
  fieldAt(path: string): FieldDefinition {
    for (let p: string | null = path; p; p = parentOf(p)) {
      const found = this.byPath.get(p);
      if (found) return found;
    }
    return this.fields[0];
  }

  /** The posted values of the form's fields, as typed. */
  read(body: Record<string, unknown>): FormValues {
    return Object.fromEntries(this.fields.map((f) => [f.name, typeOf(f).read(body, f)]));
  }

  /** One problem in the reader's words: its rule's message, naming the field. */
  word(p: FormProblem, field: FieldDefinition, t: Say): string {
    const { key, params } = typeOf(field).message(formRuleOf(p), p, field);
    return say(t, { key, params: { ...params, label: field.named } });
  }

  /**
   * Problems as the page's errors (paths of the form's own shape; `pathOf` first maps a path of
   * another shape, such as the draft's of the API body's): each beside its field, one per field.
   * `own` words the problems of rules about more than one field (a plan's dates), when it knows them.
   */
  errors<P extends FormProblem>(
    problems: P[],
    t: Say,
    pathOf: (path: string) => string = (p) => p,
    own?: (p: P, fieldName: string) => string | undefined,
  ): FormError[] {
    return formErrors(
      problems,
      (p, name) => own?.(p as P, name) ?? this.word(p, this.byName.get(name)!, t),
      (path) => this.fieldAt(pathOf(path)).name,
    );
  }

  /** Each field's view model with its value (as typed; blank when the values do not hold it). */
  view(values: FormValues, t: Say): Record<string, FieldView> {
    return Object.fromEntries(this.fields.map((f) => [f.name, typeOf(f).view(f, values[f.name] ?? '', t)]));
  }
}
