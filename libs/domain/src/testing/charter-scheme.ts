import { HistoryScheme } from '../history/history-scheme';

/**
 * The Integrating Cities Charter as a history file is checked against, for the domain's tests
 * (which read no file): its 52 signatory cities (September 2024) with their names in EN/DE/FR, its
 * 11 commitments and its rating levels. The same as the programme's files
 * (config/programmes/charter.yaml and charter.questionnaire.yaml): history-scheme-file.spec.ts
 * fails if they drift apart.
 */
export const CHARTER_CITIES: HistoryScheme['participants'] = [
  { key: 'amsterdam', name: 'Amsterdam' },
  { key: 'antwerp', name: { en: 'Antwerp', de: 'Antwerpen', fr: 'Anvers' } },
  { key: 'athens', name: { en: 'Athens', de: 'Athen', fr: 'Athènes' } },
  { key: 'barcelona', name: { en: 'Barcelona', de: 'Barcelona', fr: 'Barcelone' } },
  { key: 'belfast', name: 'Belfast' },
  { key: 'berlin', name: 'Berlin' },
  { key: 'bilbao', name: 'Bilbao' },
  { key: 'bologna', name: { en: 'Bologna', de: 'Bologna', fr: 'Bologne' } },
  { key: 'bristol', name: 'Bristol' },
  { key: 'brussels', name: { en: 'Brussels', de: 'Brüssel', fr: 'Bruxelles' } },
  { key: 'cesena', name: { en: 'Cesena', de: 'Cesena', fr: 'Césène' } },
  { key: 'copenhagen', name: { en: 'Copenhagen', de: 'Kopenhagen', fr: 'Copenhague' } },
  { key: 'dortmund', name: 'Dortmund' },
  { key: 'dublin', name: 'Dublin' },
  { key: 'dusseldorf', name: { en: 'Dusseldorf', de: 'Düsseldorf', fr: 'Düsseldorf' } },
  { key: 'genoa', name: { en: 'Genoa', de: 'Genua', fr: 'Gênes' } },
  { key: 'ghent', name: { en: 'Ghent', de: 'Gent', fr: 'Gand' } },
  { key: 'grenoble-alpes-metropole', name: { en: 'Grenoble Alpes Metropole', de: 'Grenoble Alpes Métropole', fr: 'Grenoble Alpes Métropole' } },
  { key: 'helsinki', name: { en: 'Helsinki', de: 'Helsinki', fr: 'Helsinki' } },
  { key: 'leipzig', name: 'Leipzig' },
  { key: 'lisbon', name: { en: 'Lisbon', de: 'Lissabon', fr: 'Lisbonne' } },
  { key: 'london', name: { en: 'London', de: 'London', fr: 'Londres' } },
  { key: 'madrid', name: 'Madrid' },
  { key: 'malmo', name: 'Malmö' },
  { key: 'manchester', name: 'Manchester' },
  { key: 'montpellier', name: 'Montpellier' },
  { key: 'milan', name: { en: 'Milan', de: 'Mailand', fr: 'Milan' } },
  { key: 'munich', name: { en: 'Munich', de: 'München', fr: 'Munich' } },
  { key: 'nantes', name: 'Nantes' },
  { key: 'nicosia', name: { en: 'Nicosia', de: 'Nikosia', fr: 'Nicosie' } },
  { key: 'nuremberg', name: { en: 'Nuremberg', de: 'Nürnberg', fr: 'Nuremberg' } },
  { key: 'oulu', name: 'Oulu' },
  { key: 'oslo', name: 'Oslo' },
  { key: 'paris', name: 'Paris' },
  { key: 'pesaro', name: 'Pesaro' },
  { key: 'rennes', name: 'Rennes' },
  { key: 'riga', name: 'Riga' },
  { key: 'rome', name: { en: 'Rome', de: 'Rom', fr: 'Rome' } },
  { key: 'rotterdam', name: 'Rotterdam' },
  { key: 'stockholm', name: 'Stockholm' },
  { key: 'tampere', name: 'Tampere' },
  { key: 'the-hague', name: { en: 'The Hague', de: 'Den Haag', fr: 'La Haye' } },
  { key: 'thessaloniki', name: { en: 'Thessaloniki', de: 'Thessaloniki', fr: 'Thessalonique' } },
  { key: 'toronto', name: 'Toronto' },
  { key: 'toulouse', name: 'Toulouse' },
  { key: 'turin', name: { en: 'Turin', de: 'Turin', fr: 'Turin' } },
  { key: 'utrecht', name: 'Utrecht' },
  { key: 'vantaa', name: 'Vantaa' },
  { key: 'vienna', name: { en: 'Vienna', de: 'Wien', fr: 'Vienne' } },
  { key: 'vilnius', name: 'Vilnius' },
  { key: 'warsaw', name: { en: 'Warsaw', de: 'Warschau', fr: 'Varsovie' } },
  { key: 'zagreb', name: 'Zagreb' },
];

/** The commitments by role: policy-makers, service providers, employers, buyers. */
export const CHARTER_COMMITMENTS: readonly string[] = [
  'communicate-equal-opportunities',
  'equal-access-non-discrimination',
  'migrant-engagement',
  'equal-access-to-services',
  'needs-understood-and-met',
  'diverse-workforce',
  'fair-treatment-of-staff',
  'staff-respect-diversity',
  'equality-in-procurement',
  'diverse-supplier-base',
  'equality-among-contractors',
];

export const CHARTER_RATING_LEVELS: HistoryScheme['ratingLevels'] = [
  { key: 'fully', label: { en: 'Fully', de: 'Vollständig', fr: 'Pleinement' } },
  { key: 'partly', label: { en: 'Partly', de: 'Teilweise', fr: 'Partiellement' } },
  { key: 'not-yet', label: { en: 'Not yet', de: 'Noch nicht', fr: 'Pas encore' } },
  { key: 'not-applicable', label: { en: 'Not applicable', de: 'Nicht zutreffend', fr: 'Sans objet' } },
];

/** The Charter's scheme for cycle years from 2010 to `lastYear`. */
export function charterHistoryScheme(lastYear: number): HistoryScheme {
  return { participants: CHARTER_CITIES, questionKeys: CHARTER_COMMITMENTS, ratingLevels: CHARTER_RATING_LEVELS, years: { from: 2010, to: lastYear } };
}
