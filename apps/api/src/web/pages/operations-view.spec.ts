import { aDelivery, aGroup, aSubscription } from '../testing/page-fixtures';
import { deliveryView, logQuery, operationsNotice, operationsView, recipientOf } from './operations-view';

const t = (key: string, params: Record<string, unknown> = {}) => `${key}${Object.keys(params).length ? JSON.stringify(params) : ''}`;
const i18n = { t, number: (n: number) => `#${n}` };

describe('operations view', () => {
  it('recipientOf: an e-mail address as is, a webhook by its host only, a broken URL as a dash', () => {
    expect(recipientOf({ channel: 'email', recipient: 'a@example.org' })).toBe('a@example.org');
    expect(recipientOf({ channel: 'webhook', recipient: 'https://chat.example.org:8443/hooks/TOKEN?x=1' })).toBe('chat.example.org:8443');
    expect(recipientOf({ channel: 'webhook', recipient: 'not a url' })).toBe('—');
  });

  it('deliveryView: only a failed delivery that is not personal may be sent again', () => {
    expect(deliveryView(aDelivery({ status: 'failed' })).retryable).toBe(true);
    expect(deliveryView(aDelivery({ status: 'failed', kind: 'sign-in-link' })).retryable).toBe(false);
    expect(deliveryView(aDelivery({ status: 'held' })).retryable).toBe(false);
  });

  it('logQuery: states, channels and cursors of ours, anything else dropped', () => {
    expect(logQuery({ state: ' failed ', channel: 'webhook', after: 'abc_-1' })).toEqual({ state: 'failed', channel: 'webhook', after: 'abc_-1' });
    expect(logQuery({ state: 'constructor', channel: ['email'], after: '../x' })).toEqual({ state: '', channel: '', after: '' });
  });

  it('operationsNotice: a retry, or a listed subscription paused or resumed; nothing for anything else', () => {
    const subs = [aSubscription()];
    const id = aSubscription().id;
    expect(operationsNotice({ done: 'retried', delivery: `d${'a'.repeat(31)}` }, subs, t)).toBe('operations.retried');
    expect(operationsNotice({ done: 'retried', delivery: 'x' }, subs, t)).toBeNull();
    expect(operationsNotice({ done: 'paused', subscription: id }, subs, t)).toBe('operations.pausedNotice{"host":"chat.example.org"}');
    expect(operationsNotice({ done: 'resumed', subscription: id, released: '-3' }, subs, t)).toBe(
      'operations.resumedNotice{"host":"chat.example.org","count":0}',
    );
    expect(operationsNotice({ done: 'paused', subscription: 'f'.repeat(24) }, subs, t)).toBeNull();
    expect(operationsNotice({ done: 'deleted', subscription: id }, subs, t)).toBeNull();
  });

  it('operationsView: counts in the log’s order with zeros, pages under the same filters, subscriptions without their URL', () => {
    const view = operationsView({
      filter: { state: 'failed', channel: '', after: 'C1' },
      log: { items: [aDelivery()], next: 'C2' },
      counts: { delivered: 3, failed: 1 },
      subscriptions: [aSubscription({ scope: 'group', groupKey: 'education' }), aSubscription({ scope: 'group', groupKey: 'gone' })],
      groups: [aGroup('education')],
      i18n,
    });
    expect(view.counts).toEqual([
      { state: 'failed', count: 1 },
      { state: 'held', count: 0 },
      { state: 'queued', count: 0 },
      { state: 'delivered', count: 3 },
      { state: 'logged', count: 0 },
    ]);
    expect(view.total).toBe(4);
    expect(view.stateOptions[1]).toEqual({ value: 'failed', label: 'operations.deliveryStatus.failed (#1)' });
    expect([view.next, view.first, view.back]).toEqual([
      '/operations?state=failed&after=C2#log',
      '/operations?state=failed#log',
      '/operations?state=failed&after=C1',
    ]);
    expect(view.subscriptions.map((s) => [s.url, s.target, s.groupName])).toEqual([
      [undefined, 'chat.example.org', 'Field education'],
      [undefined, 'chat.example.org', 'gone'],
    ]);
    const first = operationsView({
      filter: { state: '', channel: '', after: '' },
      log: { items: [], next: null },
      counts: {},
      subscriptions: [],
      groups: [],
      i18n,
    });
    expect([first.next, first.first, first.back, first.total]).toEqual([null, null, '/operations', 0]);
  });
});
