import { isEndOfDay } from '../clock/calendar-day';
import { catalogProblems, Catalog, flattenCatalog } from '../texts/catalogs';
import { FALLBACK_LANGUAGE, Language, LANGUAGES } from '../texts/languages';
import { fillPlaceholders, placeholdersIn } from '../texts/placeholders';
import { LocalizedText, textIn } from '../texts/localized-text';
import { MESSAGE_KINDS, MessageKind } from './notification-kind';

/**
 * Message templates, one catalog per language, read from locales/<language>/messages.yaml.
 * A template holds `{placeholder}`s; the values are formatted for the recipient's language
 * and time zone here (Intl), so a translator writes sentences, not date formats.
 */
export interface MessageTemplate {
  subject: string;
  body: string;
  /** For summaries: the line written once per listed item (placeholders of OverdueItem). */
  item?: string;
  /** chair-welcome: what fills {waiting} when the group has open tasks (placeholders openTaskCount, nextDueDate). */
  waiting?: string;
  /** chair-welcome: what fills {waiting} when nothing is waiting for the group yet. */
  nothingWaiting?: string;
}
export type MessageCatalog = Partial<Record<MessageKind, MessageTemplate>>;
export type MessageCatalogs = Record<string, MessageCatalog>;

const COMMON = ['recipientName', 'network', 'cycleName'] as const;
const TASK = [...COMMON, 'fieldOfAction', 'groupKey', 'milestone', 'dueDate', 'taskLink'] as const;

/** The placeholders each kind may use; a template naming anything else is refused at start. */
export const PLACEHOLDERS: Record<MessageKind, readonly string[]> = {
  'task-requested': [...TASK, 'dueIn'],
  reminder: [...TASK, 'dueIn', 'daysLeft'],
  overdue: [...TASK, 'overdueDays'],
  escalated: [...TASK, 'overdueDays', 'level'],
  'escalation-summary': [...COMMON, 'overdueCount', 'newlyEscalatedCount', 'items', 'cycleLink'],
  extended: [...TASK, 'previousDueDate', 'reason', 'extensionDays'],
  'report-compiled': [...COMMON, 'milestone', 'reportLink', 'submittedCount', 'lateCount', 'missingCount'],
  'extension-requested': [...TASK, 'proposedDueDate', 'reason', 'requestedBy', 'requestsLink'],
  'extension-refused': [...TASK, 'proposedDueDate', 'reason'],
  'sign-in-link': ['recipientName', 'network', 'signInLink', 'linkMinutes', 'linkExpiresAt'],
  'chair-welcome': ['recipientName', 'network', 'fieldOfAction', 'groupKey', 'waiting', 'signInPage', 'email'],
};

/** chair-welcome: the placeholders of its `waiting` line (its `nothingWaiting` line has none). */
export const WAITING_PLACEHOLDERS = ['openTaskCount', 'nextDueDate'] as const;

/**
 * Placeholders allowed in a message's body only: a sign-in link must never reach a subject line,
 * which mail servers and the engine's own log record.
 */
export const BODY_ONLY_PLACEHOLDERS = ['signInLink'] as const;
export const ITEM_PLACEHOLDERS = ['fieldOfAction', 'groupKey', 'milestone', 'dueDate', 'overdueDays', 'level', 'marker'] as const;

/**
 * Every problem with a set of message catalogs: the one catalog check (every text of English in
 * every shipped language, same placeholders; texts/catalogs.ts), then the e-mails' own rules.
 */
export function checkMessageCatalogs(catalogs: MessageCatalogs): string[] {
  const flat = {} as Record<Language, Catalog>;
  const problems: string[] = [];
  for (const lang of LANGUAGES) {
    const { texts, problems: shape } = flattenCatalog(catalogs[lang]);
    flat[lang] = texts;
    problems.push(...shape.map((p) => `${lang}.${p}`));
  }
  return [...problems, ...catalogProblems(flat), ...messageKindProblems(catalogs)];
}

/**
 * The e-mails' own rules, layered on the common check: every kind in English, only known kinds,
 * the placeholders each kind may use, a sign-in link in bodies only; lines name language, kind and field.
 */
export function messageKindProblems(catalogs: MessageCatalogs): string[] {
  const problems: string[] = [];
  const fallback = catalogs[FALLBACK_LANGUAGE];
  if (!fallback) return [`${FALLBACK_LANGUAGE}: the fallback language has no catalog`];
  for (const kind of MESSAGE_KINDS) {
    if (!fallback[kind]) problems.push(`${FALLBACK_LANGUAGE}.${kind}: missing (every kind needs an English template)`);
  }
  for (const [language, catalog] of Object.entries(catalogs)) {
    for (const [kind, template] of Object.entries(catalog ?? {})) {
      if (!(MESSAGE_KINDS as readonly string[]).includes(kind)) {
        problems.push(`${language}.${kind}: not a message kind (one of ${MESSAGE_KINDS.join(', ')})`);
        continue;
      }
      const allowed = PLACEHOLDERS[kind as MessageKind];
      for (const field of ['subject', 'body'] as const) {
        if (typeof template?.[field] !== 'string' || !template[field].trim()) {
          problems.push(`${language}.${kind}.${field}: must be a non-empty text`);
          continue;
        }
        for (const name of placeholdersIn(template[field])) {
          if (!allowed.includes(name)) problems.push(`${language}.${kind}.${field}: unknown placeholder {${name}} (allowed: ${allowed.join(', ')})`);
          else if (field === 'subject' && (BODY_ONLY_PLACEHOLDERS as readonly string[]).includes(name))
            problems.push(`${language}.${kind}.subject: {${name}} may appear in the body only`);
        }
      }
      if (kind === 'chair-welcome') {
        for (const field of ['waiting', 'nothingWaiting'] as const) {
          const line = template?.[field];
          if (typeof line !== 'string' || !line.trim()) problems.push(`${language}.${kind}.${field}: must be a non-empty text`);
          else
            for (const name of placeholdersIn(line)) {
              if (field === 'nothingWaiting' || !(WAITING_PLACEHOLDERS as readonly string[]).includes(name))
                problems.push(`${language}.${kind}.${field}: unknown placeholder {${name}}`);
            }
        }
      }
      if (kind === 'escalation-summary') {
        if (typeof template?.item !== 'string') problems.push(`${language}.${kind}.item: the line per overdue task is missing`);
        else
          for (const name of placeholdersIn(template.item)) {
            if (!(ITEM_PLACEHOLDERS as readonly string[]).includes(name)) problems.push(`${language}.${kind}.item: unknown placeholder {${name}}`);
          }
      }
    }
  }
  return problems;
}

export interface OverdueItem {
  fieldOfAction: LocalizedText;
  groupKey: string;
  milestone: LocalizedText;
  dueAt: Date;
  overdueDays: number;
  level: number;
  /** Escalated to the committee since the last summary. */
  isNew: boolean;
}

/** The facts of one message, unformatted; which of them a kind uses is in PLACEHOLDERS. */
export interface MessageFacts {
  recipientName: string;
  /** Texts from configuration read in the message's language. */
  network: LocalizedText;
  cycleName: string;
  fieldOfAction?: LocalizedText;
  groupKey?: string;
  milestone?: LocalizedText;
  dueAt?: Date;
  previousDueAt?: Date;
  /** An extension request's proposed due date. */
  proposedDueAt?: Date;
  /** Who asked (an extension request), as the event log names them. */
  requestedBy?: string;
  daysLeft?: number;
  overdueDays?: number;
  level?: number;
  reason?: string;
  taskLink?: string;
  reportLink?: string;
  cycleLink?: string;
  /** The committee's page of a cycle's requests for more time, where it grants or refuses them. */
  requestsLink?: string;
  submittedCount?: number;
  lateCount?: number;
  missingCount?: number;
  items?: OverdueItem[];
  /** sign-in-link: the link itself (a secret: body only), how long it works, and until when. */
  signInLink?: string;
  linkMinutes?: number;
  linkExpiresAt?: Date;
  /** chair-welcome: the site's sign-in page (not a secret), the address to sign in with, and the group's open tasks. */
  signInPage?: string;
  email?: string;
  openTaskCount?: number;
  nextDueAt?: Date;
}

export interface RenderedMessage {
  /** The language actually used (the fallback when the recipient's has no template). */
  language: string;
  subject: string;
  text: string;
}

/** Picks the recipient's language when it has this kind's template, else English. */
export function templateFor(catalogs: MessageCatalogs, kind: MessageKind, language: string): { language: string; template: MessageTemplate } {
  const own = catalogs[language]?.[kind];
  if (own) return { language, template: own };
  const fallback = catalogs[FALLBACK_LANGUAGE]?.[kind];
  if (!fallback) throw new Error(`no template for ${kind} in ${language} nor in ${FALLBACK_LANGUAGE}`);
  return { language: FALLBACK_LANGUAGE, template: fallback };
}

export function formatDate(date: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/**
 * A due date: the date alone ("Monday, 7 December 2026") when it is a day's end on the
 * recipient's clock (typed as a day, calendar-day.ts), else with its time, as formatDate.
 */
export function formatDueDate(date: Date, language: string, timeZone: string): string {
  if (!isEndOfDay(date, timeZone)) return formatDate(date, language, timeZone);
  return new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

export function formatShortDate(date: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone }).format(date);
}

function fill(text: string, values: Record<string, string>): string {
  return fillPlaceholders(text, (name) => values[name]);
}

/** Renders one message for one recipient: language chosen with fallback, every value formatted for it. */
export function renderMessage(
  catalogs: MessageCatalogs,
  kind: MessageKind,
  recipient: { language: string; timeZone: string },
  facts: MessageFacts,
): RenderedMessage {
  const { language, template } = templateFor(catalogs, kind, recipient.language);
  const tz = recipient.timeZone;
  const num = new Intl.NumberFormat(language);
  const rel = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  // Texts from configuration in the language the message is written in (one language per e-mail).
  const text = (t: LocalizedText | undefined) => textIn(t, language);
  const values: Record<string, string> = {
    recipientName: facts.recipientName,
    network: text(facts.network),
    cycleName: facts.cycleName,
    fieldOfAction: facts.fieldOfAction !== undefined ? text(facts.fieldOfAction) : (facts.groupKey ?? ''),
    groupKey: facts.groupKey ?? '',
    milestone: text(facts.milestone),
    dueDate: facts.dueAt ? formatDueDate(facts.dueAt, language, tz) : '',
    previousDueDate: facts.previousDueAt ? formatDueDate(facts.previousDueAt, language, tz) : '',
    proposedDueDate: facts.proposedDueAt ? formatDueDate(facts.proposedDueAt, language, tz) : '',
    requestedBy: facts.requestedBy ?? '',
    dueIn: facts.daysLeft !== undefined ? rel.format(facts.daysLeft, 'day') : '',
    daysLeft: facts.daysLeft !== undefined ? num.format(facts.daysLeft) : '',
    overdueDays: facts.overdueDays !== undefined ? num.format(facts.overdueDays) : '',
    level: facts.level !== undefined ? num.format(facts.level) : '',
    reason: facts.reason ?? '',
    extensionDays: facts.dueAt && facts.previousDueAt ? num.format(Math.round((facts.dueAt.getTime() - facts.previousDueAt.getTime()) / 86_400_000)) : '',
    taskLink: facts.taskLink ?? '',
    reportLink: facts.reportLink ?? '',
    cycleLink: facts.cycleLink ?? '',
    requestsLink: facts.requestsLink ?? '',
    signInLink: facts.signInLink ?? '',
    linkMinutes: facts.linkMinutes !== undefined ? num.format(facts.linkMinutes) : '',
    linkExpiresAt: facts.linkExpiresAt ? formatDate(facts.linkExpiresAt, language, tz) : '',
    signInPage: facts.signInPage ?? '',
    email: facts.email ?? '',
    waiting: facts.openTaskCount
      ? fill(template.waiting ?? '{openTaskCount}', {
          openTaskCount: num.format(facts.openTaskCount),
          nextDueDate: facts.nextDueAt ? formatDate(facts.nextDueAt, language, tz) : '',
        })
      : (template.nothingWaiting ?? ''),
    submittedCount: num.format(facts.submittedCount ?? 0),
    lateCount: num.format(facts.lateCount ?? 0),
    missingCount: num.format(facts.missingCount ?? 0),
    overdueCount: num.format(facts.items?.length ?? 0),
    newlyEscalatedCount: num.format(facts.items?.filter((i) => i.isNew).length ?? 0),
    items: (facts.items ?? [])
      .map((i) =>
        fill(template.item ?? '- {fieldOfAction}: {milestone}', {
          fieldOfAction: text(i.fieldOfAction),
          groupKey: i.groupKey,
          milestone: text(i.milestone),
          dueDate: formatShortDate(i.dueAt, language, tz),
          overdueDays: num.format(i.overdueDays),
          level: num.format(i.level),
          marker: i.isNew ? '*' : ' ',
        }),
      )
      .join('\n'),
  };
  return { language, subject: fill(template.subject, values).replace(/\s+/g, ' ').trim(), text: fill(template.body, values).trimEnd() + '\n' };
}
