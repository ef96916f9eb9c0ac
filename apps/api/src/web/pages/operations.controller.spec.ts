import {
  ConflictError,
  DeliveryQuery,
  DeliveryService,
  HealthService,
  InvalidError,
  NotFoundError,
  WebhookSubscriptionService,
  WorkingGroupService,
} from '@pact/engine';
import { aChair, aPerson, appWithPages, PagesApp, textOf } from '../testing/app-with-pages';
import { aDelivery, aGroup, aHealth, aSubscription } from '../testing/page-fixtures';

const FAILED = `d${'0'.repeat(30)}2`;
const LINK = `d${'0'.repeat(30)}3`;
const SUB = aSubscription().id;
const rowOf = (html: string, attr: string, id: string) => new RegExp(`<tr data-${attr}="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';

describe('Operations console (route test over engine doubles)', () => {
  let pages: PagesApp;
  beforeAll(async () => {
    pages = await appWithPages();
  });
  afterAll(() => pages.close());
  beforeEach(() => {
    jest.clearAllMocks();
    pages.signIn(aPerson({ roles: ['operator'] }));
    pages.double(DeliveryQuery).log.mockResolvedValue({ items: [], next: null });
    pages.double(DeliveryQuery).countByStatus.mockResolvedValue({});
    pages.double(HealthService).check.mockResolvedValue(aHealth());
    pages.double(HealthService).queueCounts.mockResolvedValue([{ name: 'deadlines', waiting: 1200, active: 1, delayed: 3, failed: 2, completed: 0 }]);
    pages.double(WebhookSubscriptionService).list.mockResolvedValue([]);
    pages.double(WorkingGroupService).list.mockResolvedValue([aGroup('education')]);
  });

  it('the stores’ health, the queues, the log (failed first) and the subscriptions, receivers by host only', async () => {
    pages.double(HealthService).check.mockResolvedValue(aHealth({ status: 'degraded', redis: { status: 'down', ms: 2000, error: 'connect ECONNREFUSED' } }));
    pages.double(DeliveryQuery).countByStatus.mockResolvedValue({ failed: 2, delivered: 5 });
    pages.double(DeliveryQuery).log.mockResolvedValue({
      items: [
        aDelivery({
          id: FAILED,
          channel: 'webhook',
          recipient: 'https://chat.example.org/hooks/SECRET-TOKEN',
          status: 'failed',
          attemptCount: 5,
          lastError: 'HTTP 500',
        }),
        aDelivery({ id: LINK, kind: 'sign-in-link', status: 'failed' }),
        aDelivery(),
      ],
      next: null,
    });
    pages
      .double(WebhookSubscriptionService)
      .list.mockResolvedValue([
        aSubscription(),
        aSubscription({ id: 'a'.repeat(24), scope: 'group', groupKey: 'education', kinds: ['reminder'], status: 'paused', pausedReason: 'too many failures' }),
      ]);
    const res = await pages.get('/operations').expect(200);
    expect(pages.double(DeliveryQuery).log).toHaveBeenCalledWith({ status: undefined, channel: undefined }, { limit: 50, after: undefined });
    expect(pages.double(WebhookSubscriptionService).list).toHaveBeenCalledWith(expect.objectContaining({ roles: ['operator'] }), ['active', 'paused']);
    expect(res.text).toMatch(/data-store="mongo" data-status="up"/);
    expect(textOf(/<div data-store="redis"[^>]*>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '')).toBe(
      'Queues (Redis) Not reachable (2,000 ms) — connect ECONNREFUSED',
    );
    expect(textOf(rowOf(res.text, 'queue', 'deadlines'))).toBe('Deadlines (reminders, escalations) 1,200 1 3 2');
    expect(textOf(res.text)).toContain('7 deliveries in all. Failed: 2, Delivered: 5');
    expect(res.text).toMatch(/<option value="failed">Failed \(2\)<\/option>/);
    // The webhook's URL path holds its token: only the host is ever shown.
    expect(res.text).not.toContain('SECRET-TOKEN');
    expect(textOf(rowOf(res.text, 'delivery', FAILED))).toMatch(/Webhook chat\.example\.org Failed 5 Last error: HTTP 500 Retry/);
    expect(rowOf(res.text, 'delivery', FAILED)).toContain(`action="/operations/deliveries/${FAILED}/retry"`);
    expect(rowOf(res.text, 'delivery', FAILED)).toContain('<input type="hidden" name="back" value="/operations">');
    // A sign-in link is never sent again; a delivered message has nothing to retry.
    expect(rowOf(res.text, 'delivery', LINK)).not.toContain('/retry');
    expect(rowOf(res.text, 'delivery', aDelivery().id)).not.toContain('/retry');
    expect(textOf(rowOf(res.text, 'subscription', SUB))).toMatch(/^chat\.example\.org Active The whole network All events 0 None Pause/);
    const paused = textOf(rowOf(res.text, 'subscription', 'a'.repeat(24)));
    expect(paused).toMatch(/Paused too many failures The working group Field education Reminder/);
    expect(rowOf(res.text, 'subscription', 'a'.repeat(24))).toContain(`action="/operations/webhooks/${'a'.repeat(24)}/resume"`);
  });

  it('empty: nothing sent yet, no subscriptions; the queues not answering is said, not a failure', async () => {
    pages.double(HealthService).queueCounts.mockResolvedValue(null);
    const res = await pages.get('/operations').expect(200);
    const text = textOf(res.text);
    expect(text).toContain('Nothing has been sent yet.');
    expect(text).toContain('There are no webhook subscriptions.');
    expect(text).toContain('The queues did not answer in time; their counts are not shown.');
  });

  it('filters by state and channel (unknown values ignored), and pages on under the same filters', async () => {
    pages.double(DeliveryQuery).log.mockResolvedValue({ items: [aDelivery({ status: 'failed' })], next: 'CURSOR2' });
    let res = await pages.get('/operations?state=failed&channel=webhook&after=CURSOR1').expect(200);
    expect(pages.double(DeliveryQuery).log).toHaveBeenCalledWith({ status: 'failed', channel: 'webhook' }, { limit: 50, after: 'CURSOR1' });
    expect(res.text).toContain('href="/operations?state=failed&amp;channel=webhook&amp;after=CURSOR2#log"');
    expect(res.text).toContain('href="/operations?state=failed&amp;channel=webhook#log"');
    expect(res.text).toContain('name="back" value="/operations?state=failed&amp;channel=webhook&amp;after=CURSOR1"');
    expect(res.text).toMatch(/<option value="failed" selected>/);

    pages.double(DeliveryQuery).log.mockResolvedValue({ items: [], next: null });
    res = await pages.get('/operations?state=bogus&channel=fax').expect(200);
    expect(pages.double(DeliveryQuery).log).toHaveBeenLastCalledWith({ status: undefined, channel: undefined }, { limit: 50, after: undefined });
    expect(textOf(res.text)).toContain('Nothing has been sent yet.');
    res = await pages.get('/operations?state=held').expect(200);
    expect(textOf(res.text)).toContain('No delivery matches.');
  });

  it('a page cursor that is not the log’s shows the first page', async () => {
    pages.double(DeliveryQuery).log.mockRejectedValueOnce(InvalidError.fromMessages(['after: not a page of the delivery log with this filter']));
    pages.double(DeliveryQuery).log.mockResolvedValueOnce({ items: [aDelivery({ status: 'failed', id: FAILED })], next: null });
    const res = await pages.get('/operations?state=failed&after=FOREIGN').expect(200);
    expect(pages.double(DeliveryQuery).log).toHaveBeenLastCalledWith({ status: 'failed', channel: undefined }, { limit: 50 });
    // On the first page: a retry comes back to it, and there is no link back to a first page.
    expect(rowOf(res.text, 'delivery', FAILED)).toContain('name="back" value="/operations?state=failed"');
    expect(res.text).not.toContain('#log">First page');
  });

  it('retries a failed delivery and comes back to the log with a notice; a retry of a foreign page comes back to the delivery', async () => {
    await pages
      .post(`/operations/deliveries/${FAILED}/retry`, { back: '/operations?state=failed' })
      .expect(303)
      .expect('Location', `/operations?state=failed&done=retried&delivery=${FAILED}`);
    expect(pages.double(DeliveryService).retry).toHaveBeenCalledWith(FAILED);
    await pages
      .post(`/operations/deliveries/${FAILED}/retry`, { back: 'https://evil.example/' })
      .expect(303)
      .expect('Location', `/operations/deliveries/${FAILED}?done=retried`);
    const res = await pages.get(`/operations?done=retried&delivery=${FAILED}`).expect(200);
    expect(textOf(/<div class="notice" role="status" data-notice>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '')).toBe(
      'The delivery is queued to be sent again. Its earlier attempts stay in the log.',
    );
  });

  it('a retry the engine refuses is a 409 on the delivery’s page saying why', async () => {
    pages.double(DeliveryService).retry.mockRejectedValueOnce(new ConflictError('not failed')).mockRejectedValueOnce(new ConflictError('personal'));
    pages.double(DeliveryQuery).get.mockResolvedValue(aDelivery({ id: FAILED }));
    let res = await pages.post(`/operations/deliveries/${FAILED}/retry`, { back: '/operations' }).expect(409);
    expect(textOf(res.text)).toContain("Nothing was changed: this delivery's state is “Delivered”; only failed deliveries are retried.");
    pages.double(DeliveryQuery).get.mockResolvedValue(aDelivery({ id: LINK, kind: 'sign-in-link', status: 'failed' }));
    res = await pages.post(`/operations/deliveries/${LINK}/retry`, {}).expect(409);
    expect(textOf(/data-problem>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '')).toBe(
      'A sign-in link is never sent again; the person asks for a new one on the sign-in page.',
    );
  });

  it('a delivery’s page: what, to whom, its attempts, and a retry only where one may be sent again', async () => {
    pages.double(DeliveryQuery).get.mockResolvedValue(aDelivery({ id: FAILED, status: 'failed' }));
    let res = await pages.get(`/operations/deliveries/${FAILED}`).expect(200);
    expect(textOf(res.text)).toContain('Reminder: Final report');
    expect(textOf(rowOf(res.text, 'attempt', '1'))).toMatch(/^1 January 14, 2030 at 9:00 AM Delivered 120 ms No$/);
    expect(res.text).toContain(`action="/operations/deliveries/${FAILED}/retry"`);
    pages.double(DeliveryQuery).get.mockResolvedValue(aDelivery({ id: LINK, kind: 'sign-in-link', status: 'failed' }));
    res = await pages.get(`/operations/deliveries/${LINK}`).expect(200);
    expect(res.text).not.toContain('/retry"');
    pages.double(DeliveryQuery).get.mockRejectedValueOnce(new NotFoundError('delivery does not exist'));
    await pages.get(`/operations/deliveries/${FAILED}`).expect(404);
  });

  it('pauses and resumes a subscription as the person, then says so, naming its host and the deliveries released', async () => {
    await pages.post(`/operations/webhooks/${SUB}/pause`).expect(303).expect('Location', `/operations?done=paused&subscription=${SUB}#webhooks`);
    expect(pages.double(WebhookSubscriptionService).pause).toHaveBeenCalledWith(SUB, expect.objectContaining({ roles: ['operator'] }));
    pages.double(WebhookSubscriptionService).resume.mockResolvedValue({ subscription: aSubscription(), released: 4 });
    await pages.post(`/operations/webhooks/${SUB}/resume`).expect(303).expect('Location', `/operations?done=resumed&subscription=${SUB}&released=4#webhooks`);
    pages.double(WebhookSubscriptionService).list.mockResolvedValue([aSubscription()]);
    let res = await pages.get(`/operations?done=paused&subscription=${SUB}`).expect(200);
    expect(textOf(res.text)).toContain('The subscription to chat.example.org is paused: its deliveries are held until it is resumed.');
    res = await pages.get(`/operations?done=resumed&subscription=${SUB}&released=4`).expect(200);
    expect(textOf(res.text)).toContain('The subscription to chat.example.org is active again; 4 held deliveries are being sent.');
    // A subscription no longer listed: no notice (nothing to name).
    res = await pages.get(`/operations?done=paused&subscription=${'f'.repeat(24)}`).expect(200);
    expect(res.text).not.toContain('data-notice');
  });

  it('a pause or resume the engine refuses is a 409 on the console saying why, with no notice', async () => {
    pages.double(WebhookSubscriptionService).pause.mockRejectedValueOnce(new ConflictError('not active'));
    pages.double(WebhookSubscriptionService).get.mockResolvedValue({ ...aSubscription({ status: 'paused' }), secret: 's' });
    let res = await pages.post(`/operations/webhooks/${SUB}/pause?done=paused&subscription=${SUB}`).expect(409);
    expect(textOf(/data-problem>([\s\S]*?)<\/div>/.exec(res.text)?.[1] ?? '')).toBe(
      "Nothing was changed: the subscription's state is “Paused”; only an active subscription is paused.",
    );
    expect(res.text).not.toContain('data-notice');
    pages.double(WebhookSubscriptionService).resume.mockRejectedValueOnce(new ConflictError('deleted'));
    pages.double(WebhookSubscriptionService).get.mockResolvedValue({ ...aSubscription({ status: 'disabled' }), secret: 's' });
    res = await pages.post(`/operations/webhooks/${SUB}/resume`).expect(409);
    expect(textOf(res.text)).toContain('Nothing was changed: the subscription was deleted.');
  });

  it('in German for a German reader', async () => {
    pages.signIn(aPerson({ roles: ['operator'], language: 'de' }));
    pages.double(DeliveryQuery).countByStatus.mockResolvedValue({ delivered: 1234 });
    const res = await pages.get('/operations').expect(200);
    expect(res.text).toContain('<html lang="de"');
    expect(textOf(res.text)).toContain('1.234 Zustellungen insgesamt.');
  });

  it('for operators and the committee; a chair gets the 403 page and nothing is read or changed', async () => {
    pages.signIn(aPerson({ roles: ['committee'] }));
    await pages.get('/operations').expect(200);
    jest.clearAllMocks();
    pages.signIn(aChair());
    const res = await pages.get('/operations').expect(403);
    expect(textOf(res.text)).toContain('You cannot open this page');
    await pages.post(`/operations/deliveries/${FAILED}/retry`).expect(403);
    await pages.post(`/operations/webhooks/${SUB}/pause`).expect(403);
    expect(pages.double(DeliveryQuery).log).not.toHaveBeenCalled();
    expect(pages.double(DeliveryService).retry).not.toHaveBeenCalled();
    expect(pages.double(WebhookSubscriptionService).pause).not.toHaveBeenCalled();
  });

  it('a form without its token is refused before anything runs', async () => {
    await pages.post(`/operations/deliveries/${FAILED}/retry`, {}, { csrf: false }).expect(403);
    expect(pages.double(DeliveryService).retry).not.toHaveBeenCalled();
  });
});
