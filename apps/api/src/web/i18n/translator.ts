import { DEFAULT_TEXT_LANGUAGES, fillPlaceholders, inLanguage, InLanguage, isEndOfDay, isStartOfDay, LocalizedText, textIn } from '@pact/domain';
import type { Language } from '@pact/domain';
import type { PageCatalogs } from './page-catalogs';

/**
 * What a page needs to speak the reader's language: its texts, and dates and numbers formatted
 * by Intl for that language in the reader's time zone.
 */
export class Translator {
  private readonly dateFmt: Intl.DateTimeFormat;
  private readonly dateTimeFmt: Intl.DateTimeFormat;
  private readonly numberFmt: Intl.NumberFormat;
  private readonly relative: Intl.RelativeTimeFormat;

  constructor(
    private readonly catalogs: PageCatalogs,
    readonly lang: Language,
    readonly timeZone: string,
    /** The programme's language for a text from configuration without the reader's wording. */
    private readonly textFallback: string = DEFAULT_TEXT_LANGUAGES.fallback,
  ) {
    this.dateFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone });
    this.dateTimeFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone });
    this.numberFmt = new Intl.NumberFormat(lang);
    this.relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  }

  /** The text under `key` with {placeholders} filled. An unknown key throws: a page never shows a key. */
  t = (key: string, params: Record<string, LocalizedText | number> = {}): string => {
    const text = this.catalogs[this.lang][key];
    if (text === undefined) throw new Error(`no page text "${key}"`);
    return fillPlaceholders(text, (name) => {
      const value = params[name];
      return value === undefined ? undefined : typeof value === 'number' ? this.number(value) : this.text(value);
    });
  };

  /** A text from configuration (a group's name, a milestone's title…) in the reader's language. */
  text = (value: LocalizedText | undefined | null): string => textIn(value, this.lang, this.textFallback);

  /** Every text from configuration in `value` in the reader's language (what a page's view gets). */
  texts = <T>(value: T): InLanguage<T> => inLanguage(value, this.lang, this.textFallback);

  /** The same text in another language (the language switcher names each language in its own). */
  in = (lang: Language, key: string): string => this.catalogs[lang][key] ?? key;

  date = (d: Date | string | undefined | null): string => (d ? this.dateFmt.format(new Date(d)) : '');
  dateTime = (d: Date | string | undefined | null): string => (d ? this.dateTimeFmt.format(new Date(d)) : '');
  /**
   * A due date: the date alone when it is a day's end on the reader's clock (typed as a day:
   * "7 December 2026", the whole day is theirs), else date and time. calendar-day.ts holds the rule.
   */
  due = (d: Date | string | undefined | null): string => (d ? (isEndOfDay(new Date(d), this.timeZone) ? this.date(d) : this.dateTime(d)) : '');
  /** A start (a cycle's, a request's, a compilation's): the date alone at 00:00 on the reader's clock, else date and time. */
  start = (d: Date | string | undefined | null): string => (d ? (isStartOfDay(new Date(d), this.timeZone) ? this.date(d) : this.dateTime(d)) : '');
  number = (n: number): string => this.numberFmt.format(n);
  /** "in 3 days", "yesterday", "vor 2 Tagen". */
  days = (n: number): string => this.relative.format(n, 'day');
  /** ISO 8601, for <time datetime>. */
  iso = (d: Date | string | undefined | null): string => (d ? new Date(d).toISOString() : '');
}
