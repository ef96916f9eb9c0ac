import { indicatorKeyFrom } from '../drafts/report-draft';
import type { SubmissionContent } from '../submissions/submission-content';
import { predefinedIndicators, type MeasureStatus, type ReportTemplate } from '../templates/report-template';
import type { Translations } from '../texts/localized-text';
import type { Answers, GroupQuestion, IndicatorAnswer, IndicatorQuestion, Questionnaire, TextQuestion } from './questionnaire';

/**
 * The Pact's report template as a questionnaire: measures, indicators and the three lists of
 * texts. The lists of the report (measures, a group's own indicators, good practices …) are
 * repeating groups (`GroupQuestion`), which the questionnaire has for them. The result is a
 * working group's: its predefined indicators are the template's for that group, as the report
 * form is (`reportForm(template, groupKey, …)`).
 *
 * The words are those of the report form today (locales/<language>/pages.yaml, `reportForm`),
 * until the form is built from the questionnaire and they live only here.
 */
export const PACT_QUESTIONNAIRE_VERSION = 1;

/** A measure's title and a custom indicator's name and unit: the API's limits for them (apps/api/src/submissions/submission.dto.ts). */
export const PACT_TEXT_LIMITS = { measureTitle: 500, indicatorName: 200, indicatorUnit: 50, indicatorKey: 80 } as const;

const STATUS_LABELS: Record<MeasureStatus, Translations> = {
  'not-started': { en: 'Not started', de: 'Nicht begonnen', fr: 'Pas commencée' },
  planned: { en: 'Planned', de: 'Geplant', fr: 'Prévue' },
  'in-progress': { en: 'In progress', de: 'In Umsetzung', fr: 'En cours' },
  implemented: { en: 'Implemented', de: 'Umgesetzt', fr: 'Mise en œuvre' },
  discontinued: { en: 'Discontinued', de: 'Eingestellt', fr: 'Abandonnée' },
};

/** The report's lists of texts, each with its group's key. */
const TEXT_LISTS = [
  { list: 'goodPractices', key: 'good-practices', label: { en: 'Good practices', de: 'Gute Praxis', fr: 'Bonnes pratiques' } },
  { list: 'obstacles', key: 'obstacles', label: { en: 'Obstacles', de: 'Hindernisse', fr: 'Obstacles' } },
  { list: 'recommendations', key: 'recommendations', label: { en: 'Recommendations', de: 'Empfehlungen', fr: 'Recommandations' } },
] as const;

/** A predefined indicator's question key: its key in the template, in the questionnaire's key space. */
export const pactIndicatorQuestion = (indicatorKey: string): string => `indicator-${indicatorKey}`;

const shortText = (key: string, label: Translations, maxLength: number, required: boolean, hint?: Translations): TextQuestion => ({
  key,
  type: 'text',
  length: 'short',
  maxLength,
  required,
  label,
  ...(hint ? { hint } : {}),
});

export function pactQuestionnaire(template: ReportTemplate, groupKey: string): Questionnaire {
  const { limits } = template;
  const predefined = predefinedIndicators(template, groupKey);
  const measures: GroupQuestion = {
    key: 'measures',
    type: 'group',
    label: { en: 'Measures', de: 'Maßnahmen', fr: 'Mesures' },
    required: false,
    maxItems: limits.maxMeasures,
    questions: [
      shortText('title', { en: 'Title', de: 'Titel', fr: 'Titre' }, PACT_TEXT_LIMITS.measureTitle, true),
      {
        key: 'status',
        type: 'choice',
        multiple: false,
        required: true,
        label: { en: 'Status', de: 'Stand', fr: 'État' },
        options: template.measureStatuses.map((s) => ({ key: s, label: STATUS_LABELS[s] })),
      },
      {
        key: 'description',
        type: 'text',
        length: 'long',
        maxLength: limits.maxTextLength,
        required: false,
        label: { en: 'Description', de: 'Beschreibung', fr: 'Description' },
      },
    ],
  };
  const indicators: IndicatorQuestion[] = predefined.map((d) => ({
    key: pactIndicatorQuestion(d.key),
    type: 'indicator',
    label: d.name,
    unit: d.unit,
    higherIsBetter: d.higherIsBetter,
    required: false,
  }));
  const custom: GroupQuestion[] = template.allowCustomIndicators
    ? [
        {
          key: 'custom-indicators',
          type: 'group',
          label: { en: 'Indicators of your own', de: 'Eigene Indikatoren', fr: 'Vos propres indicateurs' },
          required: false,
          // The template's limit counts every indicator a group reports, its predefined ones too.
          maxItems: Math.max(1, limits.maxIndicators - predefined.length),
          questions: [
            shortText('name', { en: 'Name', de: 'Name', fr: 'Nom' }, PACT_TEXT_LIMITS.indicatorName, true),
            shortText('unit', { en: 'Unit', de: 'Einheit', fr: 'Unité' }, PACT_TEXT_LIMITS.indicatorUnit, true),
            { key: 'values', type: 'indicator', label: { en: 'Values', de: 'Werte', fr: 'Valeurs' }, required: true },
            // Kept from an earlier report, so the same indicator is compared across reports; made from the name when new.
            shortText('key', { en: 'Code', de: 'Kürzel', fr: 'Code' }, PACT_TEXT_LIMITS.indicatorKey, false),
          ],
        },
      ]
    : [];
  return {
    key: 'pact-report',
    version: PACT_QUESTIONNAIRE_VERSION,
    name: template.name,
    sections: [
      { key: 'measures', title: { en: 'Measures', de: 'Maßnahmen', fr: 'Mesures' }, questions: [measures] },
      ...(indicators.length || custom.length
        ? [{ key: 'indicators', title: { en: 'Indicators', de: 'Indikatoren', fr: 'Indicateurs' }, questions: [...indicators, ...custom] }]
        : []),
      {
        key: 'experience',
        title: { en: 'Experience', de: 'Erfahrungen', fr: 'Expérience' },
        questions: TEXT_LISTS.map(({ key, label }) => ({
          key,
          type: 'group' as const,
          label,
          required: false,
          maxItems: limits.maxItemsPerList,
          questions: [{ key: 'text', type: 'text' as const, length: 'long' as const, maxLength: limits.maxTextLength, required: true, label }],
        })),
      },
    ],
  };
}

const values = (i: IndicatorAnswer): IndicatorAnswer => ({ baseline: i.baseline, target: i.target, actual: i.actual });

/** A Pact report's content as answers to its questionnaire (what was left out stays unanswered). */
export function pactAnswersFromContent(template: ReportTemplate, groupKey: string, content: SubmissionContent): Answers {
  const defined = new Set(predefinedIndicators(template, groupKey).map((d) => d.key));
  const answers: Answers = {
    measures: content.measures.map((m) => ({ title: m.title, status: m.status, ...(m.description !== undefined ? { description: m.description } : {}) })),
  };
  const customs = content.indicators.filter((i) => !defined.has(i.key));
  for (const i of content.indicators) if (defined.has(i.key)) answers[pactIndicatorQuestion(i.key)] = values(i);
  // A stored custom indicator's name and unit are what the chair typed: one string each.
  if (customs.length) answers['custom-indicators'] = customs.map((i) => ({ name: i.name, unit: i.unit, values: values(i), key: i.key }));
  for (const { list, key } of TEXT_LISTS) answers[key] = content[list].map((text) => ({ text }));
  return answers;
}

/**
 * Answers to the Pact's questionnaire as a report's content, in the template's order of
 * predefined indicators then the group's own; answers checked by `answerProblems` first. A new
 * custom indicator without a code gets one from its name, as a draft's does (`indicatorKeyFrom`).
 */
export function pactContentFromAnswers(template: ReportTemplate, groupKey: string, answers: Answers): SubmissionContent {
  type Row = Record<string, unknown>;
  const rows = (key: string): Row[] => (Array.isArray(answers[key]) ? (answers[key] as Row[]) : []);
  const predefined = predefinedIndicators(template, groupKey).filter((d) => answers[pactIndicatorQuestion(d.key)] !== undefined);
  return {
    measures: rows('measures').map((m) => ({
      title: m.title as string,
      status: m.status as MeasureStatus,
      ...(m.description !== undefined ? { description: m.description as string } : {}),
    })),
    indicators: [
      ...predefined.map((d) => ({ key: d.key, ...values(answers[pactIndicatorQuestion(d.key)] as IndicatorAnswer) })),
      ...rows('custom-indicators').map((c, n) => ({
        key: typeof c.key === 'string' && c.key ? c.key : indicatorKeyFrom(c.name as string, `custom-${n + 1}`),
        name: c.name as string,
        unit: c.unit as string,
        ...values(c.values as IndicatorAnswer),
      })),
    ],
    goodPractices: rows('good-practices').map((r) => r.text as string),
    obstacles: rows('obstacles').map((r) => r.text as string),
    recommendations: rows('recommendations').map((r) => r.text as string),
  };
}
