import { MEASURE_STATUSES, type MeasureStatus } from '../../templates/report-template';
import type { Catalogs } from '../../texts/catalogs';
import { FALLBACK_LANGUAGE, isLanguage, Language, LANGUAGES } from '../../texts/languages';
import { networkWordsIn } from '../../network-reports/render/network-words';
import { reportCatalogReader } from './catalog-reader';
import type { CoverageState } from '../implementation-report';
import { TIMELINE_KINDS, type TimelineKind, type TimelineMarkWords } from '../timeline';

/**
 * The words a compiled report is written in around what people and the configuration wrote
 * (headings, column names, states, sentences), in one language. They are written in
 * locales/<language>/reports.yaml, which the engine reads at start; `reportWordsIn` turns that
 * catalog into these words, and renderers take them as a parameter (the domain reads no file).
 */
export interface ReportWords {
  lang: string;
  dueCompiled: (due: string, compiled: string) => string;
  publishedVersion: (version: number, day: string) => string;
  coverage: string;
  coverageSummary: (onTime: number, late: number, missing: number, total: number) => string;
  fieldOfAction: string;
  report: string;
  revision: string;
  escalation: string;
  submitted: string;
  extended: string;
  yes: string;
  no: string;
  timeline: string;
  fieldsOfAction: string;
  allFieldsLabel: string;
  allFields: (indicatorsAchieved: number, indicators: number) => string;
  measuresByStatus: string;
  measures: string;
  all: string;
  noneReported: string;
  noMeasures: string;
  noReport: string;
  indicators: string;
  indicator: string;
  baselineActual: string;
  baseline: string;
  target: string;
  actual: string;
  progress: string;
  targetMet: string;
  ofTheWay: (percent: number) => string;
  goodPractices: string;
  obstacles: string;
  recommendations: string;
  changeSincePrevious: string;
  comparedWith: (cycle: string, compiled: string, onTime: string, late: string, missing: string, implemented: string, achieved: string) => string;
  reportThenNow: string;
  implementedMeasures: string;
  indicatorChanges: string;
  noPrevious: string;
  changeInWholeReport: string;
  partOnly: string;
  status: Record<MeasureStatus, string>;
  state: Record<CoverageState | 'absent', string>;
  timelineKinds: Record<TimelineKind, string>;
  period: string;
  weekOf: (day: string) => string;
  keyMoments: string;
  timelineSummary: (n: Record<TimelineKind, number>, committee: number, late: number, from: string, to: string, per: 'week' | 'month') => string;
  /** The timeline chart's accessible name. */
  timelineLabel: (per: 'week' | 'month') => string;
  late: (n: number) => string;
  toCommittee: (n: number) => string;
  /** CSV column names, in the order of the columns. */
  csvColumns: string[];
}

/** The CSV's columns in order, by their English names (the catalog's `csv.<name>` keys). */
const CSV_COLUMNS = [
  'cycle',
  'milestone',
  'group',
  'field_of_action',
  'report',
  'item_type',
  'item',
  'status',
  'unit',
  'baseline',
  'target',
  'actual',
  'progress',
  'target_met',
  'description',
] as const;
const COVERAGE_STATES: (CoverageState | 'absent')[] = ['on-time', 'late', 'missing', 'absent'];

/** The report's words in `language` (a language without its own reads English), from the catalogs of locales/<language>/reports.yaml. */
export function reportWordsIn(catalogs: Catalogs, language: string | undefined): ReportWords {
  const lang: Language = isLanguage(language) ? language : FALLBACK_LANGUAGE;
  const { text, template, group } = reportCatalogReader(catalogs[lang], lang);
  const dueCompiled = template('dueCompiled');
  const publishedVersion = template('publishedVersion');
  const coverageSummary = template('coverageSummary');
  const allFields = template('allFields');
  const ofTheWay = template('ofTheWay');
  const comparedWith = template('comparedWith');
  const weekOf = template('weekOf');
  const timelineSummary = template('timelineSummary');
  const timelineLabel = template('timelineLabel');
  const per = group('per', ['week', 'month'] as const);
  const late = template('late');
  const toCommittee = template('toCommittee');
  const csv = group('csv', CSV_COLUMNS);
  return {
    lang,
    dueCompiled: (due, compiled) => dueCompiled({ due, compiled }),
    publishedVersion: (version, day) => publishedVersion({ version, day }),
    coverage: text('coverage'),
    coverageSummary: (onTime, late, missing, total) => coverageSummary({ onTime, late, missing, total }),
    fieldOfAction: text('fieldOfAction'),
    report: text('report'),
    revision: text('revision'),
    escalation: text('escalation'),
    submitted: text('submitted'),
    extended: text('extended'),
    yes: text('yes'),
    no: text('no'),
    timeline: text('timeline'),
    fieldsOfAction: text('fieldsOfAction'),
    allFieldsLabel: text('allFieldsLabel'),
    allFields: (achieved, indicators) => allFields({ achieved, indicators }),
    measuresByStatus: text('measuresByStatus'),
    measures: text('measures'),
    all: text('all'),
    noneReported: text('noneReported'),
    noMeasures: text('noMeasures'),
    noReport: text('noReport'),
    indicators: text('indicators'),
    indicator: text('indicator'),
    baselineActual: text('baselineActual'),
    baseline: text('baseline'),
    target: text('target'),
    actual: text('actual'),
    progress: text('progress'),
    targetMet: text('targetMet'),
    ofTheWay: (percent) => ofTheWay({ percent }),
    goodPractices: text('goodPractices'),
    obstacles: text('obstacles'),
    recommendations: text('recommendations'),
    changeSincePrevious: text('changeSincePrevious'),
    comparedWith: (cycle, compiled, onTime, late, missing, implemented, achieved) =>
      comparedWith({ cycle, compiled, onTime, late, missing, implemented, achieved }),
    reportThenNow: text('reportThenNow'),
    implementedMeasures: text('implementedMeasures'),
    indicatorChanges: text('indicatorChanges'),
    noPrevious: text('noPrevious'),
    changeInWholeReport: text('changeInWholeReport'),
    partOnly: text('partOnly'),
    status: group('status', MEASURE_STATUSES),
    state: group('state', COVERAGE_STATES),
    timelineKinds: group('timelineKinds', TIMELINE_KINDS),
    period: text('period'),
    weekOf: (day) => weekOf({ day }),
    keyMoments: text('keyMoments'),
    timelineSummary: (n, committee, lateCount, from, to, granularity) =>
      timelineSummary({ ...n, toCommittee: committee, late: lateCount, from, to, per: per[granularity] }),
    timelineLabel: (granularity) => timelineLabel({ per: per[granularity] }),
    late: (count) => late({ count }),
    toCommittee: (count) => toCommittee({ count }),
    csvColumns: CSV_COLUMNS.map((c) => csv[c]),
  };
}

/** The timeline's mark words in every language, from the catalogs' `marks.*` texts. */
export function timelineMarkWordsIn(catalogs: Catalogs): TimelineMarkWords {
  return Object.fromEntries(
    LANGUAGES.map((l) => [l, reportCatalogReader(catalogs[l], l).group('marks', ['start', 'requested', 'due', 'compiled', 'recompiled'] as const)]),
  ) as TimelineMarkWords;
}

/**
 * Every problem of the report catalogs beyond the common check: each text the renderers need
 * (the Pact report's and the network report's) exists in English (the common check carries it to
 * every language). Run at start.
 */
export function reportCatalogProblems(catalogs: Catalogs): string[] {
  try {
    reportWordsIn(catalogs, FALLBACK_LANGUAGE);
    timelineMarkWordsIn(catalogs);
    networkWordsIn(catalogs, FALLBACK_LANGUAGE);
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}
