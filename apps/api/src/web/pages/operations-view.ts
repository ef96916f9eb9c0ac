import { PERSONAL_MESSAGE_KINDS } from '@pact/domain';
import { DeliveryLogPage, LOG_STATE_ORDER, SubscriptionView } from '@pact/engine';
import type { LocalizedText } from '@pact/domain';
import type { Translator } from '../i18n/translator';

/** A delivery as the engine keeps it (pages never name persistence's record type). */
export type Delivery = DeliveryLogPage['items'][number];

/** The delivery log's filters and page, as the console's URL says them. */
export interface LogQuery {
  state: string;
  channel: string;
  after: string;
}

const CHANNELS = ['email', 'webhook'];
const DELIVERY_ID = /^d[0-9a-f]{31}$/;
const SUBSCRIPTION_ID = /^[0-9a-f]{24}$/;

/** A query or form value as text, trimmed; anything else (absent, repeated) as empty. */
export function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** A message only its addressee may have (a sign-in link, say): never sent again by hand. */
export function isPersonalMessage(kind: string): boolean {
  return (PERSONAL_MESSAGE_KINDS as readonly string[]).includes(kind);
}

/** What a person may read of a recipient: the e-mail address, or only the host of a webhook's URL (its path may hold a token). */
export function recipientOf(d: { channel: string; recipient: string }): string {
  if (d.channel !== 'webhook') return d.recipient;
  try {
    return new URL(d.recipient).host;
  } catch {
    return '—';
  }
}

/** A delivery as the log and its own page show it: whom it went to, and whether it may be sent again (failed, and not personal). */
export function deliveryView(d: Delivery) {
  return { ...d, to: recipientOf(d), retryable: d.status === 'failed' && !isPersonalMessage(d.kind) };
}

/** The log's filters from the URL: only states, channels and page cursors of ours (anything else: none). */
export function logQuery(q: Record<string, unknown>): LogQuery {
  const state = text(q.state);
  const channel = text(q.channel);
  return {
    state: (LOG_STATE_ORDER as string[]).includes(state) ? state : '',
    channel: CHANNELS.includes(channel) ? channel : '',
    after: /^[A-Za-z0-9_-]{1,400}$/.test(text(q.after)) ? text(q.after) : '',
  };
}

/** The notice after an action (`?done=`): a retry, or a subscription paused or resumed, named by its host; none for anything else. */
export function operationsNotice(q: Record<string, unknown>, subscriptions: SubscriptionView[], t: Translator['t']): string | null {
  const done = text(q.done);
  if (done === 'retried' && DELIVERY_ID.test(text(q.delivery))) return t('operations.retried');
  const s = SUBSCRIPTION_ID.test(text(q.subscription)) ? subscriptions.find((x) => x.id === text(q.subscription)) : undefined;
  if (!s) return null;
  const host = recipientOf({ channel: 'webhook', recipient: s.url });
  if (done === 'paused') return t('operations.pausedNotice', { host });
  if (done === 'resumed') return t('operations.resumedNotice', { host, count: Math.max(0, Number(text(q.released)) || 0) });
  return null;
}

/**
 * What the operators' console shows of what the engine read: the log's counts per state (in the
 * log's order, zeros included) and the filter's options with them, its rows, the links to the
 * next and first pages under the same filters, where a retry comes back to, and the webhook
 * subscriptions by their receiver's host only. Pure, so each branch is a unit test.
 */
export function operationsView(input: {
  filter: LogQuery;
  log: DeliveryLogPage;
  counts: Record<string, number>;
  subscriptions: SubscriptionView[];
  groups: { key: string; fieldOfAction: LocalizedText }[];
  i18n: Pick<Translator, 't' | 'number'>;
}) {
  const { filter, counts } = input;
  const { t, number } = input.i18n;
  const params = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ state: filter.state, channel: filter.channel, ...extra })) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `?${s}` : '';
  };
  const fieldOfAction = new Map(input.groups.map((g) => [g.key, g.fieldOfAction]));
  return {
    counts: LOG_STATE_ORDER.map((s) => ({ state: s, count: counts[s] ?? 0 })),
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    filter,
    stateOptions: [
      { value: '', label: t('operations.allStates') },
      ...LOG_STATE_ORDER.map((s) => ({ value: s, label: `${t(`operations.deliveryStatus.${s}`)} (${number(counts[s] ?? 0)})` })),
    ],
    channelOptions: [{ value: '', label: t('operations.allChannels') }, ...CHANNELS.map((c) => ({ value: c, label: t(`operations.channel.${c}`) }))],
    rows: input.log.items.map(deliveryView),
    next: input.log.next ? `/operations${params({ after: input.log.next })}#log` : null,
    first: filter.after ? `/operations${params({})}#log` : null,
    back: `/operations${params({ after: filter.after })}`,
    // The receiver's host only: a webhook URL's path may hold its secret (as chat services' do).
    subscriptions: input.subscriptions.map((s) => ({
      ...s,
      url: undefined,
      target: recipientOf({ channel: 'webhook', recipient: s.url }),
      groupName: s.groupKey ? (fieldOfAction.get(s.groupKey) ?? s.groupKey) : null,
    })),
  };
}
