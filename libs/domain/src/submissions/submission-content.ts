import { MeasureStatus, predefinedIndicators, ReportTemplate } from '../templates/report-template';
import { LocalizedText, textIn, wordingsOf } from '../texts/localized-text';
import { textProblems } from '../texts/text-rules';

/** The content of one submission, after structural validation (types, sizes, unknown fields). */
export interface SubmissionContent {
  measures: { title: string; status: MeasureStatus; description?: string }[];
  /** A predefined indicator's name and unit are the template's (in every language) once stored. */
  indicators: { key: string; name?: LocalizedText; unit?: LocalizedText; baseline: number; target: number; actual: number }[];
  goodPractices: string[];
  obstacles: string[];
  recommendations: string[];
}

export interface ContentProblem {
  path: string;
  /** In English, for machines and logs (the API's answers). */
  message: string;
  /** Which rule, so that pages can say it in the reader's language (`params` fill their sentence). */
  rule?: string;
  params?: Record<string, LocalizedText | number | Date>;
}

/**
 * Checks the content against the rules that depend on the cycle's template, which a
 * static DTO cannot know: which indicators exist for this group, and the template's limits.
 */
export function checkContentAgainstTemplate(template: ReportTemplate, groupKey: string, content: SubmissionContent): ContentProblem[] {
  return templateProblems(template, groupKey, content).map(({ path, message }) => ({ path, message }));
}

/** The same check, each problem also naming its rule and the rule's numbers (for the pages' own words). */
export function templateProblems(template: ReportTemplate, groupKey: string, content: SubmissionContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const defined = new Map(predefinedIndicators(template, groupKey).map((d) => [d.key, d]));
  const limits = template.limits;

  if (content.measures.length > limits.maxMeasures) {
    problems.push({ path: 'measures', message: `at most ${limits.maxMeasures} measures`, rule: 'too-many', params: { max: limits.maxMeasures } });
  }
  content.measures.forEach((m, i) => {
    if (!template.measureStatuses.includes(m.status)) {
      problems.push({ path: `measures[${i}].status`, message: `must be one of ${template.measureStatuses.join(', ')}`, rule: 'status-unknown' });
    }
  });
  if (content.indicators.length > limits.maxIndicators) {
    problems.push({ path: 'indicators', message: `at most ${limits.maxIndicators} indicators`, rule: 'too-many', params: { max: limits.maxIndicators } });
  }
  const seen = new Set<string>();
  content.indicators.forEach((ind, i) => {
    if (seen.has(ind.key)) problems.push({ path: `indicators[${i}].key`, message: `indicator "${ind.key}" reported twice`, rule: 'indicator-twice' });
    seen.add(ind.key);
    const def = defined.get(ind.key);
    if (!def) {
      if (!template.allowCustomIndicators) {
        const known = [...defined.keys()];
        problems.push({
          path: `indicators[${i}].key`,
          message: `unknown indicator "${ind.key}" for working group ${groupKey}; known: ${known.join(', ') || 'none'}`,
          rule: 'indicator-unknown',
        });
      } else if (!ind.name || !ind.unit) {
        problems.push({ path: `indicators[${i}]`, message: 'a custom indicator needs a name and a unit', rule: 'custom-indicator-incomplete' });
      }
    } else if (typeof ind.unit === 'string' && ind.unit && !wordingsOf(def.unit).includes(ind.unit)) {
      // A chair may name the unit in any of the template's languages.
      problems.push({
        path: `indicators[${i}].unit`,
        message: `indicator "${ind.key}" is measured in ${textIn(def.unit, 'en')}`,
        rule: 'unit-mismatch',
        params: { unit: def.unit },
      });
    }
  });
  for (const list of ['goodPractices', 'obstacles', 'recommendations'] as const) {
    if (content[list].length > limits.maxItemsPerList) {
      problems.push({ path: list, message: `at most ${limits.maxItemsPerList} items`, rule: 'too-many', params: { max: limits.maxItemsPerList } });
    }
    content[list].forEach((text, i) => {
      if (text.length > limits.maxTextLength)
        problems.push({
          path: `${list}[${i}]`,
          message: `at most ${limits.maxTextLength} characters`,
          rule: 'too-long',
          params: { max: limits.maxTextLength },
        });
    });
  }
  content.measures.forEach((m, i) => {
    if ((m.description?.length ?? 0) > limits.maxTextLength) {
      problems.push({
        path: `measures[${i}].description`,
        message: `at most ${limits.maxTextLength} characters`,
        rule: 'too-long',
        params: { max: limits.maxTextLength },
      });
    }
  });
  problems.push(...contentTextProblems(content));
  return problems;
}

/** Every text of a report against the text rules: titles, names and units one line, the rest free text. */
function contentTextProblems(content: SubmissionContent): ContentProblem[] {
  return [
    ...content.measures.flatMap((m, i) => [
      ...textProblems(`measures[${i}].title`, m.title, 'line'),
      ...textProblems(`measures[${i}].description`, m.description, 'text'),
    ]),
    // What a chair typed is a string; a template's own texts were checked when the configuration loaded.
    ...content.indicators.flatMap((ind, i) => [
      ...textProblems(`indicators[${i}].name`, typeof ind.name === 'string' ? ind.name : undefined, 'line'),
      ...textProblems(`indicators[${i}].unit`, typeof ind.unit === 'string' ? ind.unit : undefined, 'line'),
    ]),
    ...(['goodPractices', 'obstacles', 'recommendations'] as const).flatMap((list) =>
      content[list].flatMap((text, i) => textProblems(`${list}[${i}]`, text, 'text')),
    ),
  ];
}

/** Fills in names and units of predefined indicators, so stored submissions are self-describing. */
export function normaliseContent(template: ReportTemplate, groupKey: string, content: SubmissionContent): SubmissionContent {
  const defined = new Map(predefinedIndicators(template, groupKey).map((d) => [d.key, d]));
  return {
    ...content,
    indicators: content.indicators.map((ind) => {
      const def = defined.get(ind.key);
      return def ? { ...ind, name: def.name, unit: def.unit } : ind;
    }),
  };
}
