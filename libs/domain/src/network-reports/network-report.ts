import type { LocalizedText } from '../texts/localized-text';

/**
 * The network report of a self-evaluation round (the Integrating Cities Charter's, issue 19):
 * what the signatory cities rated, by commitment and role, against the previous round, by peer
 * group and per city, with their good practices by trend. Every number is computed once by
 * `compileNetworkReport`; renderers only write them down. Texts from configuration stay
 * `LocalizedText` here and are put into the reader's language by `inLanguage` before rendering.
 */
export interface NetworkReport {
  questionnaireKey: string;
  questionnaireVersion: number;
  cycle: NetworkCycle;
  /** The round compared with, when one was given. */
  previousCycle: NetworkCycle | null;
  /** Every rating level of the questionnaire's commitments, in the order the questionnaire lists them. */
  levels: NetworkLevel[];
  participation: NetworkParticipation;
  roles: NetworkRole[];
  /** Null without a previous round. */
  change: NetworkChange | null;
  peerGroups: { byCountry: PeerGroup[]; bySize: PeerGroup[] };
  cities: CityProfile[];
  goodPractices: { total: number; byTrend: TrendPractices[] };
}

export interface NetworkCycle {
  id: string;
  name: LocalizedText;
  /** How people name the round's period ("2024", "December 2024 – April 2025"). */
  period: string;
}

/** A signatory city as the report needs it: its size band comes from the programme's configuration. */
export interface NetworkParticipant {
  key: string;
  name: LocalizedText;
  /** ISO 3166-1 alpha-2. */
  country: string;
  size: string;
}

export interface NetworkLevel {
  key: string;
  label: LocalizedText;
  /** None for a level outside the scale (not applicable): counted, but neither in shares nor in the mean. */
  score: number | null;
}

export interface NetworkParticipation {
  /** Cities asked in the round. */
  signatories: number;
  /** Said whether they take part (took part + declined). */
  answered: number;
  tookPart: number;
  declined: number;
  /** Of those who declined, how many said why. */
  declinedWithReason: number;
  /** Asked, but said nothing (no accepted answers, or none to the participation question). */
  noAnswer: number;
  /** tookPart / signatories; null without signatories. */
  rate: number | null;
}

/**
 * How the participating cities rated: a count per level (every level, not applicable too),
 * shares of the scored answers per scored level (they add up to 1), and the mean score.
 */
export interface RatingDistribution {
  counts: Record<string, number>;
  /** Ratings given (any level). */
  rated: number;
  /** Ratings on a scored level. */
  scored: number;
  /** Participating cities that gave no rating (counted per commitment). */
  unrated: number;
  /** Per scored level, its count / scored; absent for a level without a score; empty when nothing is scored. */
  shares: Record<string, number>;
  meanScore: number | null;
}

export interface NetworkCommitment {
  key: string;
  label: LocalizedText;
  distribution: RatingDistribution;
}

/** A role (a questionnaire section with rating questions): its commitments, and all their ratings together. */
export interface NetworkRole {
  key: string;
  title: LocalizedText;
  commitments: NetworkCommitment[];
  distribution: RatingDistribution;
}

/**
 * How a rating moved since the previous round: `up` and `down` compare scores; `same` is the
 * same level; `new` had no rating then (the city did not take part, or skipped it); `changed`
 * moved to or from a level outside the scale (not applicable), which is neither better nor worse.
 */
export type RatingDirection = 'up' | 'down' | 'same' | 'new' | 'changed';
export const RATING_DIRECTIONS: readonly RatingDirection[] = ['up', 'down', 'same', 'new', 'changed'];

export interface CityRatingChange {
  city: string;
  cityName: LocalizedText;
  role: string;
  commitment: string;
  previousLevel: string | null;
  level: string;
  direction: RatingDirection;
}

export interface CommitmentChange {
  role: string;
  commitment: string;
  label: LocalizedText;
  counts: Record<RatingDirection, number>;
}

export interface NetworkChange {
  /** One per participating city and commitment it rated, in the order of cities, then commitments. */
  byCity: CityRatingChange[];
  byCommitment: CommitmentChange[];
  /** Cities taking part now that took part in the previous round too. */
  citiesInBoth: number;
}

/** Cities sharing a country or a size band, and how those that took part rated. */
export interface PeerGroup {
  key: string;
  signatories: number;
  tookPart: number;
  /** All commitments together. */
  distribution: RatingDistribution;
  commitments: { key: string; distribution: RatingDistribution }[];
}

export interface CityIndicator {
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  higherIsBetter: boolean | null;
}

export interface CityRating {
  role: string;
  commitment: string;
  label: LocalizedText;
  level: string | null;
  score: number | null;
  /** The level in the previous round (null: none then, or no previous round). */
  previousLevel: string | null;
  /** Null without a previous round, or without a rating now. */
  direction: RatingDirection | null;
  measures: string;
  /** Evidence links (http or https); files are counted, not linked: they are served only to those who may read the submission. */
  evidenceLinks: string[];
  evidenceFiles: number;
  indicators: CityIndicator[];
}

export type CityStatus = 'took-part' | 'declined' | 'no-answer';

export interface CityGoodPractice {
  title: string;
  description: string;
  trends: string[];
}

/** A city's page in the report. A city that did not take part has no ratings. */
export interface CityProfile {
  key: string;
  name: LocalizedText;
  country: string;
  size: string;
  status: CityStatus;
  ratings: CityRating[];
  goodPractices: CityGoodPractice[];
}

export interface TrendPractices {
  trend: string;
  label: LocalizedText;
  practices: { city: string; cityName: LocalizedText; title: string; description: string }[];
}
