import type { LocalizedText } from '../texts/localized-text';
import type { MeasureStatus } from '../templates/report-template';
import type { SubmissionContent } from './submission-content';

export interface IndicatorChange {
  key: string;
  name?: LocalizedText;
  unit?: LocalizedText;
  /** Each value that moved, in the order baseline, target, actual. */
  changes: { field: 'baseline' | 'target' | 'actual'; from: number; to: number }[];
}

export type TextListName = 'goodPractices' | 'obstacles' | 'recommendations';

/** What changed from one revision of a report to the next. */
export interface RevisionDiff {
  measures: {
    added: { title: string; status: MeasureStatus }[];
    removed: { title: string; status: MeasureStatus }[];
    statusChanged: { title: string; from: MeasureStatus; to: MeasureStatus }[];
    /** Titles of measures (in both) whose description changed. */
    descriptionChanged: string[];
  };
  indicators: {
    added: { key: string; name?: LocalizedText; unit?: LocalizedText }[];
    removed: { key: string; name?: LocalizedText; unit?: LocalizedText }[];
    changed: IndicatorChange[];
  };
  texts: Record<TextListName, { added: string[]; removed: string[] }>;
  /** Nothing above changed (a resubmission of the same report). */
  unchanged: boolean;
}

const LISTS: TextListName[] = ['goodPractices', 'obstacles', 'recommendations'];

/** Measures are matched by title, ignoring case and spacing: "Language courses" is the same measure however it is typed. */
const measureKey = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase();
const textKey = (text: string) => text.trim().replace(/\s+/g, ' ');

/**
 * The difference between two consecutive revisions (`previous` null: the first revision, all
 * added). Measures are matched by title and indicators by key; a title or text that appears
 * twice is matched as many times as it appears on both sides. Pure: the task page shows it.
 */
export function diffRevisions(previous: SubmissionContent | null, next: SubmissionContent): RevisionDiff {
  const before = previous ?? { measures: [], indicators: [], goodPractices: [], obstacles: [], recommendations: [] };

  // Measures, matched by title (as a multiset: the n-th "Mentoring" before meets the n-th after).
  const unmatched = new Map<string, SubmissionContent['measures']>();
  for (const m of before.measures) unmatched.set(measureKey(m.title), [...(unmatched.get(measureKey(m.title)) ?? []), m]);
  const measures: RevisionDiff['measures'] = { added: [], removed: [], statusChanged: [], descriptionChanged: [] };
  for (const m of next.measures) {
    const same = unmatched.get(measureKey(m.title));
    const old = same?.shift();
    if (!old) {
      measures.added.push({ title: m.title, status: m.status });
      continue;
    }
    if (old.status !== m.status) measures.statusChanged.push({ title: m.title, from: old.status, to: m.status });
    if ((old.description ?? '').trim() !== (m.description ?? '').trim()) measures.descriptionChanged.push(m.title);
  }
  for (const left of unmatched.values()) for (const m of left) measures.removed.push({ title: m.title, status: m.status });

  // Indicators, matched by key.
  const oldIndicators = new Map(before.indicators.map((i) => [i.key, i]));
  const newKeys = new Set(next.indicators.map((i) => i.key));
  const indicators: RevisionDiff['indicators'] = { added: [], removed: [], changed: [] };
  for (const i of next.indicators) {
    const old = oldIndicators.get(i.key);
    if (!old) {
      indicators.added.push({ key: i.key, name: i.name, unit: i.unit });
      continue;
    }
    const changes = (['baseline', 'target', 'actual'] as const).filter((f) => old[f] !== i[f]).map((f) => ({ field: f, from: old[f], to: i[f] }));
    if (changes.length) indicators.changed.push({ key: i.key, name: i.name ?? old.name, unit: i.unit ?? old.unit, changes });
  }
  for (const old of before.indicators) if (!newKeys.has(old.key)) indicators.removed.push({ key: old.key, name: old.name, unit: old.unit });

  // Texts, as multisets of their words as written (spacing aside).
  const texts = {} as RevisionDiff['texts'];
  for (const list of LISTS) {
    const remaining = new Map<string, number>();
    for (const t of before[list]) remaining.set(textKey(t), (remaining.get(textKey(t)) ?? 0) + 1);
    const added: string[] = [];
    for (const t of next[list]) {
      const n = remaining.get(textKey(t)) ?? 0;
      if (n > 0) remaining.set(textKey(t), n - 1);
      else added.push(t);
    }
    const removed: string[] = [];
    for (const t of before[list]) {
      const n = remaining.get(textKey(t)) ?? 0;
      if (n > 0) {
        removed.push(t);
        remaining.set(textKey(t), n - 1);
      }
    }
    texts[list] = { added, removed };
  }

  const unchanged =
    !measures.added.length &&
    !measures.removed.length &&
    !measures.statusChanged.length &&
    !measures.descriptionChanged.length &&
    !indicators.added.length &&
    !indicators.removed.length &&
    !indicators.changed.length &&
    LISTS.every((l) => !texts[l].added.length && !texts[l].removed.length);
  return { measures, indicators, texts, unchanged };
}
