import { isRecord } from '../questionnaires/questionnaire';
import { localizedTextProblems, type LocalizedText, type TextLanguages } from '../texts/localized-text';

/** Which way an indicator is read: a higher value better, a lower one better, or neither (a count that only describes). */
export const POLARITIES = ['higher-is-better', 'lower-is-better', 'none'] as const;
export type Polarity = (typeof POLARITIES)[number];

/**
 * One indicator of a programme's catalogue: what an observation's value means. The code names it
 * in observations, URLs and keys (the Pact's `<group>.<indicator key>`, the Charter's commitment
 * key), so it never changes once observations use it.
 */
export interface Indicator {
  code: string;
  name: LocalizedText;
  definition: LocalizedText;
  unit: LocalizedText;
  polarity: Polarity;
  /** Where the values come from (a chair's report, a city's self-evaluation, a statistics office). */
  source: LocalizedText;
}

/** A programme's indicator catalogue (config/programmes/<programme>.indicators.yaml). */
export interface ProgrammeIndicators {
  programme: string;
  indicators: Indicator[];
}

/**
 * Codes and programme keys: lower-case letters, digits, '-', '_' and '.' (the Pact's
 * `<group>.<indicator>`), never ':', which separates the parts of an observation's stored key
 * (libs/persistence/src/observations), nor anything a URL path would have to escape.
 */
export const INDICATOR_CODE = /^[a-z0-9][a-z0-9._-]{0,126}$/;
const PROGRAMME_KEY = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * What is wrong with a catalogue as configured (parsed YAML: anything may be missing or of
 * another type): the programme's key, codes well-formed and unique, every text (name,
 * definition, unit, source) in each language the programme requires, a known polarity.
 * Each problem names its place (`indicators[2].unit`, or the code once known).
 */
export function programmeIndicatorsProblems(raw: unknown, languages: TextLanguages): string[] {
  if (!isRecord(raw)) return ['must be an indicator catalogue (programme, indicators)'];
  const problems: string[] = [];
  if (typeof raw.programme !== 'string' || !PROGRAMME_KEY.test(raw.programme)) problems.push('programme: must be a programme key (a-z, 0-9, -)');
  if (!Array.isArray(raw.indicators) || !raw.indicators.length) return [...problems, 'indicators: must list at least one indicator'];
  const codes = new Set<string>();
  raw.indicators.forEach((ind: unknown, i) => {
    if (!isRecord(ind)) return problems.push(`indicators[${i}]: must be an indicator (code, name, definition, unit, polarity, source)`);
    const code = ind.code;
    const at = typeof code === 'string' && INDICATOR_CODE.test(code) ? `indicators[${i}] (${code})` : `indicators[${i}]`;
    if (typeof code !== 'string' || !INDICATOR_CODE.test(code)) problems.push(`${at}.code: must be a code (a-z, 0-9, '.', '-', '_'; no ':')`);
    else if (codes.has(code)) problems.push(`${at}.code: ${code} is in the catalogue twice`);
    else codes.add(code);
    for (const field of ['name', 'definition', 'unit', 'source'] as const) problems.push(...localizedTextProblems(`${at}.${field}`, ind[field], languages));
    if (!(POLARITIES as readonly unknown[]).includes(ind.polarity)) problems.push(`${at}.polarity: must be one of ${POLARITIES.join(', ')}`);
  });
  return problems;
}

/** The catalogue's indicator with this code, if any. */
export function indicatorOf(catalog: ProgrammeIndicators, code: string): Indicator | undefined {
  return catalog.indicators.find((i) => i.code === code);
}
