import type { LocalizedText } from '@pact/domain';
import { FieldView, Say, sayText } from '../forms/fields/field';
import type { QuestionnaireForm } from '../forms/questionnaire-form';

export interface QuestionnaireSectionView {
  key: string;
  title: string;
  intro?: string;
  items: (
    | { kind: 'field'; view: FieldView }
    | { kind: 'group'; id: string; legend: string; hint?: string; about?: string; rows: { n: number; fields: FieldView[] }[] }
  )[];
}

/**
 * A questionnaire's form as the page renders it, in the reader's language: every section (one
 * without any question shown says so, so the page shows the whole questionnaire's outline), each
 * shown question's field view, a group's rows as numbered fieldsets. A follow-up question's
 * commitment (`about`) goes with its label, hidden but read by screen readers (the partials'
 * `about`), so "Describe the measures" under eleven commitments has eleven accessible names.
 */
export function questionnaireView(form: QuestionnaireForm, t: Say): QuestionnaireSectionView[] {
  const views = form.model.view(form.values, t);
  const say = (text: LocalizedText) => sayText(t, text);
  return form.sections.map((s) => ({
    key: s.key,
    title: say(s.title),
    ...(s.intro ? { intro: say(s.intro) } : {}),
    items: s.items.map((item) =>
      'field' in item
        ? { kind: 'field' as const, view: withAbout(views[item.field], item.about && say(item.about)) }
        : {
            kind: 'group' as const,
            id: item.group,
            legend: say(item.label),
            ...(item.hint ? { hint: say(item.hint) } : {}),
            ...(item.about ? { about: say(item.about) } : {}),
            rows: item.rows.map((names, i) => ({ n: i + 1, fields: names.map((n) => views[n]) })),
          },
    ),
  }));
}

const withAbout = (view: FieldView, about: string | undefined): FieldView => (about ? { ...view, field: { ...view.field, about } } : view);
