import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildCalendar, foldLine } from './icalendar';
import { checkMessageCatalogs, formatDueDate, messageKindProblems, MessageCatalogs, renderMessage } from './message-catalog';
import { MESSAGE_KINDS } from './notification-kind';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { signStandardWebhook, signWebhook, standardWebhookSecret, verifyWebhook, webhookHeaders, webhookSecretFrom } from './webhook-signature';

const root = join(__dirname, '../../../../locales');
const shipped: MessageCatalogs = Object.fromEntries(['en', 'de', 'fr'].map((l) => [l, parse(readFileSync(join(root, l, 'messages.yaml'), 'utf8'))]));
const due = new Date('2027-03-31T15:00:00Z');
const facts = {
  recipientName: 'Anna Keller',
  network: 'European Pact for Integration',
  cycleName: 'Cycle 2027',
  fieldOfAction: 'Integration through education',
  groupKey: 'education',
  milestone: 'Final report',
  dueAt: due,
  daysLeft: 3,
  taskLink: 'https://pact.example.eu/tasks/t1',
};

describe('message catalogs', () => {
  it('the shipped catalogs are complete: English has every kind; German and French translate every kind', () => {
    expect(checkMessageCatalogs(shipped)).toEqual([]);
    for (const lang of ['de', 'fr']) expect(Object.keys(shipped[lang]).sort()).toEqual([...MESSAGE_KINDS].sort());
  });

  it('every link in every message is a page (never the API), the page the message names', () => {
    const site = 'https://pact.example.eu';
    const links = {
      taskLink: `${site}/tasks/t1`,
      cycleLink: `${site}/cycles/c1`,
      reportLink: `${site}/cycles/c1/report?milestone=final`,
      requestsLink: `${site}/cycles/c1/extension-requests`,
      signInLink: `${site}/sign-in/abc`,
      signInPage: `${site}/sign-in`,
    };
    // What each kind must link to: the page a person acts on.
    const expected: Record<string, string[]> = {
      'task-requested': [links.taskLink],
      reminder: [links.taskLink],
      overdue: [links.taskLink],
      escalated: [links.taskLink],
      'escalation-summary': [links.cycleLink, `${links.cycleLink}/overdue`],
      extended: [links.taskLink],
      'report-compiled': [links.reportLink],
      'extension-requested': [links.requestsLink, links.taskLink],
      'extension-refused': [links.taskLink],
      'sign-in-link': [links.signInLink],
      'chair-welcome': [links.signInPage],
    };
    for (const language of ['en', 'de', 'fr']) {
      for (const kind of MESSAGE_KINDS) {
        const m = renderMessage(
          shipped,
          kind,
          { language, timeZone: 'Europe/Brussels' },
          { ...facts, ...links, previousDueAt: due, proposedDueAt: due, items: [] },
        );
        const urls = [...m.text.matchAll(/https?:\/\/\S+/g)].map((u) => u[0].replace(/[.,;:)]+$/, ''));
        expect({ language, kind, urls: urls.sort() }).toEqual({ language, kind, urls: [...expected[kind]].sort() });
        for (const u of urls) expect(new URL(u).pathname.startsWith('/api')).toBe(false);
        expect(`${m.subject}\n${m.text}`).not.toMatch(/\bcurl\b|\/api\b|\bAPI\b/);
      }
    }
  });

  it('names every problem: missing English kind, unknown placeholder, unknown kind', () => {
    const broken: MessageCatalogs = {
      en: { reminder: { subject: 'Due {dueIn}', body: 'Hello {nobody}' } },
      de: { 'no-such-kind': { subject: 'x', body: 'y' } } as never,
    };
    const problems = checkMessageCatalogs(broken);
    expect(problems).toContain('en.task-requested: missing (every kind needs an English template)');
    expect(problems.some((p) => p.startsWith('en.reminder.body: unknown placeholder {nobody}'))).toBe(true);
    expect(problems.some((p) => p.startsWith('de.no-such-kind: not a message kind'))).toBe(true);
  });

  it("keeps a sign-in link out of subjects, and renders it in the body in the person's language", () => {
    const leaky: MessageCatalogs = { ...shipped, en: { ...shipped.en, 'sign-in-link': { subject: 'Sign in: {signInLink}', body: '{signInLink}' } } };
    expect(checkMessageCatalogs(leaky)).toContain('en.sign-in-link.subject: {signInLink} may appear in the body only');
    const link = 'https://pact.example.eu/sign-in/abc';
    const fr = renderMessage(
      shipped,
      'sign-in-link',
      { language: 'fr', timeZone: 'Europe/Paris' },
      { recipientName: 'Anne', network: 'Pact', cycleName: '', signInLink: link, linkMinutes: 15, linkExpiresAt: new Date('2030-01-01T10:15:00Z') },
    );
    expect(fr.language).toBe('fr');
    expect(fr.subject).not.toContain(link);
    expect(fr.text).toContain(link);
    expect(fr.text).toContain('15');
    expect(fr.text).toContain('11:15'); // 10:15 UTC in Paris
  });

  it('tells a new chair which group, what is waiting (or that nothing is yet) and how to sign in, in their language', () => {
    const welcome = {
      recipientName: 'Lena',
      network: 'Pact',
      cycleName: '',
      fieldOfAction: 'Housing',
      groupKey: 'housing',
      signInPage: 'https://pact.example.eu/sign-in',
      email: 'lena@example.eu',
    };
    const waiting = renderMessage(shipped, 'chair-welcome', { language: 'de', timeZone: 'Europe/Berlin' }, { ...welcome, openTaskCount: 2, nextDueAt: due });
    expect(waiting.subject).toContain('Housing');
    expect(waiting.text).toContain('2 Bericht(e)');
    expect(waiting.text).toContain('Mittwoch, 31. März 2027 um 17:00 MESZ');
    expect(waiting.text).toContain('https://pact.example.eu/sign-in und');
    expect(waiting.text).toContain('lena@example.eu');
    const none = renderMessage(shipped, 'chair-welcome', { language: 'it', timeZone: 'Europe/Rome' }, { ...welcome, openTaskCount: 0 });
    expect(none.language).toBe('en');
    expect(none.text).toContain('Nothing is waiting for you yet');
    const broken: MessageCatalogs = { ...shipped, en: { ...shipped.en, 'chair-welcome': { subject: 'x', body: '{waiting}', waiting: '{dueDate}' } } };
    expect(messageKindProblems(broken)).toEqual([
      'en.chair-welcome.waiting: unknown placeholder {dueDate}',
      'en.chair-welcome.nothingWaiting: must be a non-empty text',
    ]);
  });

  it('renders in the recipient language with dates in their time zone', () => {
    const de = renderMessage(shipped, 'reminder', { language: 'de', timeZone: 'Europe/Berlin' }, facts);
    expect(de.language).toBe('de');
    expect(de.subject).toBe('[European Pact for Integration] Erinnerung: Final report ist in 3 Tagen fällig');
    // 15:00 UTC is 17:00 in Berlin on 31 March (summer time).
    expect(de.text).toContain('Mittwoch, 31. März 2027 um 17:00 MESZ');
    expect(de.text).toContain(facts.taskLink);

    const fr = renderMessage(shipped, 'reminder', { language: 'fr', timeZone: 'America/Montreal' }, facts);
    expect(fr.text).toContain('mercredi 31 mars 2027 à 11:00 UTC−4');
    expect(fr.subject).toContain('dans 3 jours');

    const en = renderMessage(shipped, 'reminder', { language: 'en', timeZone: 'Asia/Tokyo' }, facts);
    expect(en.text).toContain('Thursday, April 1, 2027 at 12:00 AM GMT+9');
  });

  it('falls back to English for a language without templates, and per kind for a partial catalog', () => {
    const it = renderMessage(shipped, 'task-requested', { language: 'it', timeZone: 'Europe/Rome' }, facts);
    expect(it.language).toBe('en');
    expect(it.subject).toBe('[European Pact for Integration] Report requested: Final report — Integration through education');
    // Even in English, the date is in the recipient's time zone.
    expect(it.text).toContain('5:00 PM GMT+2');

    const partial: MessageCatalogs = { ...shipped, nl: { reminder: { subject: 'Herinnering {milestone}', body: 'Beste {recipientName}' } } };
    expect(renderMessage(partial, 'reminder', { language: 'nl', timeZone: 'Europe/Amsterdam' }, facts).subject).toBe('Herinnering Final report');
    expect(renderMessage(partial, 'extended', { language: 'nl', timeZone: 'Europe/Amsterdam' }, facts).language).toBe('en');
  });

  it('formats numbers for the locale and writes one line per overdue item in summaries', () => {
    const items = [
      { fieldOfAction: 'Sport', groupKey: 'sport', milestone: 'Final', dueAt: due, overdueDays: 1234, level: 2, isNew: true },
      { fieldOfAction: 'Housing', groupKey: 'housing', milestone: 'Final', dueAt: due, overdueDays: 8, level: 1, isNew: false },
    ];
    const de = renderMessage(shipped, 'escalation-summary', { language: 'de', timeZone: 'Europe/Brussels' }, { ...facts, items });
    expect(de.subject).toContain('1 Berichte eskaliert, 2 überfällig');
    expect(de.text).toContain('* Sport — Final: fällig am 31.03.2027, seit 1.234 Tagen überfällig (Stufe 2)');
    expect(de.text).toContain('  Housing — Final');
  });
});

describe('webhook signatures', () => {
  const body = JSON.stringify({ type: 'reminder', data: { ü: 'x' } });

  it('signs the Standard Webhooks example as the specification does', () => {
    // The specification's example (its reference libraries test against it).
    const payload = '{"test": 2432232314}';
    expect(signStandardWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, payload)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('sends headers the standardwebhooks library verifies, and it refuses a changed body, id or old timestamp', () => {
    const secret = webhookSecretFrom(Buffer.from('0123456789abcdef0123456789abcdef'));
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders({ secret, deliveryId: 'd-1', kind: 'reminder', timestamp: now, rawBody: body, legacy: false });
    expect(Object.keys(headers).sort()).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp', 'x-pact-event']);
    const receiver = new Webhook(secret);
    expect(receiver.verify(body, headers)).toEqual({ type: 'reminder', data: { ü: 'x' } });
    expect(() => receiver.verify(body + ' ', headers)).toThrow(WebhookVerificationError);
    expect(() => receiver.verify(body, { ...headers, 'webhook-id': 'd-2' })).toThrow('No matching signature found');
    const old = now - 301;
    const stale = webhookHeaders({ secret, deliveryId: 'd-1', kind: 'reminder', timestamp: old, rawBody: body, legacy: false });
    expect(() => receiver.verify(body, stale)).toThrow('Message timestamp too old');
    expect(() => new Webhook(webhookSecretFrom(Buffer.from('another key of thirty-two bytes!'))).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it('keeps the key of a secret issued before the standard (base64url), and spells it as the standard does', () => {
    const key = Buffer.from('fb3ff0ffe3f1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081929fbff', 'hex');
    const earlier = `whsec_${key.toString('base64url')}`;
    expect(earlier).toMatch(/[-_]/); // the standard library refuses this spelling
    const spelled = standardWebhookSecret(earlier);
    expect(spelled).toBe(`whsec_${key.toString('base64')}`);
    expect(standardWebhookSecret(spelled)).toBe(spelled);
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders({ secret: earlier, deliveryId: 'd-1', kind: 'reminder', timestamp: now, rawBody: body, legacy: true });
    expect(new Webhook(spelled).verify(body, headers)).toMatchObject({ type: 'reminder' });
    // During the transition the earlier header is signed as before, with the secret as the receiver holds it.
    expect(headers['x-pact-delivery']).toBe('d-1');
    expect(verifyWebhook({ secret: earlier, signature: headers['x-pact-signature'], timestamp: headers['x-pact-timestamp'], rawBody: body })).toEqual({
      ok: true,
    });
  });

  it('verifies what was signed, within the replay window only (the earlier scheme)', () => {
    const sig = signWebhook('whsec_abc', 1_800_000_000, body);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    const base = { secret: 'whsec_abc', signature: sig, timestamp: '1800000000', rawBody: body };
    expect(verifyWebhook({ ...base, nowSeconds: 1_800_000_100 })).toEqual({ ok: true });
    expect(verifyWebhook({ ...base, nowSeconds: 1_800_000_301 })).toMatchObject({ ok: false, reason: expect.stringContaining('replay') });
    expect(verifyWebhook({ ...base, rawBody: body + ' ', nowSeconds: 1_800_000_000 })).toMatchObject({ ok: false, reason: 'signature does not match' });
    expect(verifyWebhook({ ...base, secret: 'other', nowSeconds: 1_800_000_000 })).toMatchObject({ ok: false });
    expect(verifyWebhook({ ...base, timestamp: '1800000001', nowSeconds: 1_800_000_000 })).toMatchObject({ ok: false });
    expect(verifyWebhook({ ...base, signature: undefined })).toMatchObject({ ok: false, reason: expect.stringContaining('missing') });
  });
});

describe('iCalendar', () => {
  it('folds long lines at 75 octets without splitting characters', () => {
    const folded = foldLine('DESCRIPTION:' + 'é'.repeat(100));
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i ? l.slice(1) : l))
        .join(''),
    ).toBe('DESCRIPTION:' + 'é'.repeat(100));
  });

  it('writes one event per task with its alarms, escaping text', () => {
    const ics = buildCalendar({
      name: 'Pact deadlines; Anna',
      generatedAt: new Date('2027-01-01T00:00:00Z'),
      refreshMinutes: 60,
      events: [{ uid: 'task-1@pact', sequence: 2, start: due, summary: 'Due, final', alarmDaysBefore: [3, 14, 3] }],
    });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('X-WR-CALNAME:Pact deadlines\\; Anna\r\n');
    expect(ics).toContain('DTSTART:20270331T150000Z\r\n');
    expect(ics).toContain('SEQUENCE:2\r\n');
    expect(ics).toContain('SUMMARY:Due\\, final\r\n');
    expect(ics.match(/BEGIN:VALARM/g)).toHaveLength(2);
    expect(ics.indexOf('TRIGGER;RELATED=START:-P14D')).toBeLessThan(ics.indexOf('TRIGGER;RELATED=START:-P3D'));
  });

  it('a due date typed as a day is an all-day event on that day (the next day exclusive), not a quarter of an hour at 23:59', () => {
    const ics = buildCalendar({
      name: 'Pact deadlines',
      generatedAt: new Date('2027-01-01T00:00:00Z'),
      refreshMinutes: 60,
      events: [
        {
          uid: 'task-1@pact',
          sequence: 0,
          start: new Date('2027-03-31T21:59:59Z'),
          day: { year: 2027, month: 3, day: 31 },
          summary: 'Due',
          alarmDaysBefore: [3],
        },
      ],
    });
    expect(ics).toContain('DTSTART;VALUE=DATE:20270331\r\nDTEND;VALUE=DATE:20270401\r\n');
    expect(ics).not.toContain('DURATION:PT15M');
  });
});

describe('due dates in e-mails', () => {
  it('a due date typed as a day reads as that date, without "23:59"; another keeps its time', () => {
    expect(formatDueDate(new Date('2026-12-07T22:59:59Z'), 'en', 'Europe/Brussels')).toBe('Monday, December 7, 2026');
    expect(formatDueDate(new Date('2026-12-07T00:00:00Z'), 'en', 'Europe/Brussels')).toMatch(/01:00/);
    expect(formatDueDate(new Date('2026-12-07T22:59:59Z'), 'de', 'Europe/Berlin')).toBe('Montag, 7. Dezember 2026');
  });
});
