import { reportCatalogReader } from '../../reports/render/catalog-reader';
import type { Catalogs } from '../../texts/catalogs';
import { FALLBACK_LANGUAGE, isLanguage, Language } from '../../texts/languages';
import { CityStatus, RATING_DIRECTIONS, RatingDirection } from '../network-report';

/**
 * The words of the network report around what cities and the configuration wrote, in one
 * language: the `network.*` texts of locales/<language>/reports.yaml (read at start with the
 * Pact report's words and checked with them by `reportCatalogProblems`, so the engine refuses to
 * start when a language lacks one). Numbers arrive formatted for the language (`formatNumber`).
 */
export interface NetworkWords {
  lang: Language;
  title: (cycle: string) => string;
  period: (period: string) => string;
  publishedVersion: (version: number, day: string) => string;
  contents: string;
  participation: string;
  participationSummary: (n: { tookPart: number; signatories: number; rate: string; declined: number; reasons: number; noAnswer: number }) => string;
  signatories: string;
  answered: string;
  tookPart: string;
  declined: string;
  declinedWithReason: string;
  noAnswer: string;
  rate: string;
  ratings: string;
  ratingsIntro: string;
  allRoles: string;
  role: string;
  commitment: string;
  meanScore: string;
  unrated: string;
  levels: string;
  chartCaption: (role: string) => string;
  rolesChartCaption: string;
  /** A bar's text alternative: its subject, each level's count and share, and the mean. */
  chartText: (subject: string, parts: string, mean: string) => string;
  chartTextNone: (subject: string) => string;
  countShare: (count: number, percent: string) => string;
  levelCount: (level: string, count: string) => string;
  tableCaption: (chart: string) => string;
  change: string;
  /** The column saying how a rating moved. */
  changeColumn: string;
  comparedWith: (cycle: string, period: string, both: number) => string;
  noPrevious: string;
  changeByCommitment: string;
  changeByCity: string;
  noRatings: string;
  city: string;
  previousLevel: string;
  level: string;
  direction: Record<RatingDirection, string>;
  peerGroups: string;
  byCountry: string;
  bySize: string;
  country: string;
  size: string;
  /** A size band's name: the shipped bands have one; a band the catalog does not name reads as its key. */
  sizeName: (band: string) => string;
  /** Captions of the peer groups' chart and of their means per commitment, by kind of peer group. */
  peerChart: Record<PeerGrouping, string>;
  peerMeans: Record<PeerGrouping, string>;
  tookPartOf: (tookPart: number, signatories: number) => string;
  cities: string;
  status: Record<CityStatus, string>;
  notTakingPart: string;
  measures: string;
  evidence: string;
  files: (count: number) => string;
  indicators: string;
  indicatorValues: (v: { name: string; unit: string; baseline: string; target: string; actual: string }) => string;
  higherIsBetter: string;
  lowerIsBetter: string;
  goodPractices: string;
  /** The heading of a city's own good practices. */
  cityGoodPractices: string;
  goodPracticesSummary: (total: number) => string;
  noPractices: string;
  /** CSV column names, in the order of the columns. */
  csvColumns: string[];
  /** A number as the language writes it (decimal comma in German and French), at most `digits` decimals. */
  formatNumber: (n: number, digits?: number) => string;
  /** A share (0..1) as a whole percentage in the language's way ("67 %" in French). */
  formatPercent: (share: number) => string;
}

/** The kinds of peer group the report compares. */
export type PeerGrouping = 'country' | 'size';
const PEER_GROUPINGS: readonly PeerGrouping[] = ['country', 'size'];
const CITY_STATUSES: readonly CityStatus[] = ['took-part', 'declined', 'no-answer'];
const SIZE_BANDS = ['large', 'medium', 'small'] as const;
/** The CSV's columns in order, by their English names (the catalog's `network.csv.<name>` keys). */
const CSV_COLUMNS = ['city', 'country', 'size', 'role', 'commitment', 'level', 'score', 'previous_level'] as const;

/** The network report's words in `language` (a language without its own reads English). */
export function networkWordsIn(catalogs: Catalogs, language: string | undefined): NetworkWords {
  const lang: Language = isLanguage(language) ? language : FALLBACK_LANGUAGE;
  const r = reportCatalogReader(catalogs[lang], lang);
  const text = (k: string) => r.text(`network.${k}`);
  const template = (k: string) => r.template(`network.${k}`);
  const group = <K extends string>(k: string, keys: readonly K[]) => r.group(`network.${k}`, keys);
  const t = {
    title: template('title'),
    period: template('period'),
    publishedVersion: template('publishedVersion'),
    participationSummary: template('participationSummary'),
    chartCaption: template('chartCaption'),
    chartText: template('chartText'),
    chartTextNone: template('chartTextNone'),
    countShare: template('countShare'),
    levelCount: template('levelCount'),
    tableCaption: template('tableCaption'),
    comparedWith: template('comparedWith'),
    tookPartOf: template('tookPartOf'),
    files: template('files'),
    indicatorValues: template('indicatorValues'),
    goodPracticesSummary: template('goodPracticesSummary'),
  };
  const sizes = group('sizes', SIZE_BANDS) as Record<string, string>;
  const csv = group('csv', CSV_COLUMNS);
  const numbers = new Map<number, Intl.NumberFormat>();
  const formatNumber = (n: number, digits = 2) => {
    if (!numbers.has(digits)) numbers.set(digits, new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 }));
    return numbers.get(digits)!.format(n);
  };
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return {
    lang,
    title: (cycle) => t.title({ cycle }),
    period: (period) => t.period({ period }),
    publishedVersion: (version, day) => t.publishedVersion({ version, day }),
    contents: text('contents'),
    participation: text('participation'),
    participationSummary: (n) => t.participationSummary(n),
    signatories: text('signatories'),
    answered: text('answered'),
    tookPart: text('tookPart'),
    declined: text('declined'),
    declinedWithReason: text('declinedWithReason'),
    noAnswer: text('noAnswer'),
    rate: text('rate'),
    ratings: text('ratings'),
    ratingsIntro: text('ratingsIntro'),
    allRoles: text('allRoles'),
    role: text('role'),
    commitment: text('commitment'),
    meanScore: text('meanScore'),
    unrated: text('unrated'),
    levels: text('levels'),
    chartCaption: (role) => t.chartCaption({ role }),
    rolesChartCaption: text('rolesChartCaption'),
    chartText: (subject, parts, mean) => t.chartText({ subject, parts, mean }),
    chartTextNone: (subject) => t.chartTextNone({ subject }),
    countShare: (count, p) => t.countShare({ count, percent: p }),
    levelCount: (level, count) => t.levelCount({ level, count }),
    tableCaption: (chart) => t.tableCaption({ chart }),
    change: text('change'),
    changeColumn: text('changeColumn'),
    comparedWith: (cycle, period, both) => t.comparedWith({ cycle, period, both }),
    noPrevious: text('noPrevious'),
    changeByCommitment: text('changeByCommitment'),
    changeByCity: text('changeByCity'),
    noRatings: text('noRatings'),
    city: text('city'),
    previousLevel: text('previousLevel'),
    level: text('level'),
    direction: group('direction', RATING_DIRECTIONS),
    peerGroups: text('peerGroups'),
    byCountry: text('byCountry'),
    bySize: text('bySize'),
    country: text('country'),
    size: text('size'),
    sizeName: (band) => sizes[band] ?? band,
    peerChart: group('peerChart', PEER_GROUPINGS),
    peerMeans: group('peerMeans', PEER_GROUPINGS),
    tookPartOf: (tookPart, signatories) => t.tookPartOf({ tookPart, signatories }),
    cities: text('cities'),
    status: group('status', CITY_STATUSES),
    notTakingPart: text('notTakingPart'),
    measures: text('measures'),
    evidence: text('evidence'),
    files: (count) => t.files({ count }),
    indicators: text('indicators'),
    indicatorValues: (v) => t.indicatorValues(v),
    higherIsBetter: text('higherIsBetter'),
    lowerIsBetter: text('lowerIsBetter'),
    goodPractices: text('goodPractices'),
    cityGoodPractices: text('cityGoodPractices'),
    goodPracticesSummary: (total) => t.goodPracticesSummary({ total }),
    noPractices: text('noPractices'),
    csvColumns: CSV_COLUMNS.map((c) => csv[c]),
    formatNumber,
    formatPercent: (share) => percent.format(share),
  };
}
