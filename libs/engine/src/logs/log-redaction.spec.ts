import { Writable } from 'node:stream';
import pino from 'pino';
import { engineLoggerOptions } from './engine-logger';
import { REDACTED, scrubText } from './log-redaction';

/** A logger with the engine's options writing into an array of parsed lines. */
function capture(): { log: pino.Logger; lines: Array<Record<string, any>> } {
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      done();
    },
  });
  return { log: pino(engineLoggerOptions('api', { LOG_LEVEL: 'log' }), sink), lines };
}

describe('scrubText', () => {
  it.each([
    ['https://pact.example.eu/sign-in/AbC-123_xyz', 'https://pact.example.eu/sign-in/[redacted]'],
    ['/sign-in/AbC123?next=/tasks', '/sign-in/[redacted]?next=/tasks'],
    ['Authorization: Bearer pat_0123456789abcdef', 'Authorization: Bearer [redacted]'],
    ['/calendar/feed.ics?token=s3cret&lang=de', '/calendar/feed.ics?token=[redacted]&lang=de'],
    ['GET /x?a=1&access_token=zzz', 'GET /x?a=1&access_token=[redacted]'],
    ['cookie: pact_session=abc; pact_form=def', 'cookie: [redacted]'],
    ['secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'secret whsec_[redacted]'],
  ])('%s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it('leaves the page that asks for a link, and text without credentials, as they are', () => {
    expect(scrubText('/sign-in')).toBe('/sign-in');
    expect(scrubText('/sign-in?sent=1')).toBe('/sign-in?sent=1');
    expect(scrubText('task 65f0 (education) extended to 2027-01-31')).toBe('task 65f0 (education) extended to 2027-01-31');
  });
});

describe('the engine logger redacts', () => {
  it('headers carrying credentials, wherever a line puts them', () => {
    const { log, lines } = capture();
    log.info({ req: { headers: { authorization: 'Bearer t0k3n', cookie: 'pact_session=c00k13', accept: 'text/html' } } }, 'request');
    log.info({ headers: { authorization: 'Bearer t0k3n', 'set-cookie': ['pact_session=c00k13'] } }, 'response');
    log.info({ res: { headers: { 'set-cookie': ['pact_session=c00k13'] } } }, 'answered');
    expect(lines[0].req.headers).toEqual({ authorization: REDACTED, cookie: REDACTED, accept: 'text/html' });
    expect(lines[1].headers).toEqual({ authorization: REDACTED, 'set-cookie': REDACTED });
    expect(lines[2].res.headers['set-cookie']).toBe(REDACTED);
    expect(JSON.stringify(lines)).not.toMatch(/t0k3n|c00k13/);
  });

  it("tokens, secrets, links and e-mails' bodies in fields", () => {
    const { log, lines } = capture();
    log.info({ token: 'tok', link: 'https://x/sign-in/abc', secret: 's', password: 'p' }, 'top level');
    log.info({ mail: { to: 'a@b.eu', subject: 'Your sign-in link', text: 'open https://x/sign-in/abc', html: '<a href="https://x/sign-in/abc">' } }, 'nested');
    expect(lines[0]).toMatchObject({ token: REDACTED, link: REDACTED, secret: REDACTED, password: REDACTED });
    expect(lines[1].mail).toEqual({ to: 'a@b.eu', subject: 'Your sign-in link', text: REDACTED, html: REDACTED });
  });

  it('links and tokens in messages, and in errors', () => {
    const { log, lines } = capture();
    log.warn('could not send https://x/sign-in/abcdef to user 1');
    log.error({ err: new Error('GET /feed?token=qwerty failed') }, 'feed');
    expect(lines[0].msg).toBe('could not send https://x/sign-in/[redacted] to user 1');
    expect(lines[1].err.message).toBe('GET /feed?token=[redacted] failed');
    expect(lines[1].err.stack).not.toContain('qwerty');
  });

  it('writes level names, ISO times and the process', () => {
    const { log, lines } = capture();
    log.info('hello');
    expect(lines[0]).toMatchObject({ level: 'info', app: 'api', pid: process.pid, msg: 'hello' });
    expect(new Date(lines[0].time).toISOString()).toBe(lines[0].time);
  });
});
