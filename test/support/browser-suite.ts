import type { Page } from 'playwright-core';
import { MailSink } from '../../apps/demo/src/delivery-sinks';
import { BrowserPages } from './chromium';
import { EngineHarness } from './engine-harness';
import { signInInBrowser } from './web';

/** One browser test file's world: the engine (API and worker on the real stores), its outbox, one Chromium, the site's address. */
export interface BrowserSuite {
  readonly h: EngineHarness;
  readonly sink: MailSink;
  readonly pages: BrowserPages;
  /** The API's address as the browser opens it (127.0.0.1, not [::1]). */
  readonly base: string;
  /** Signs `email` in through the sign-in page and the e-mailed link, landing on `next`. */
  signIn(page: Page, email: string, next?: string): Promise<void>;
}

/**
 * The setup every browser test file shared, once: registers beforeAll (the mail sink, the engine
 * with cycle time `msPerDay` and the sink's SMTP settings over `env`, then the file's own `setUp`
 * through the API, then Chromium) and afterAll (all of it stopped, in reverse). Read `h` and `base`
 * inside tests or hooks, after beforeAll has run.
 */
export function browserSuite(opts: { msPerDay: number; env?: Record<string, string>; setUp?: (suite: BrowserSuite) => Promise<void> }): BrowserSuite {
  const sink = new MailSink();
  const pages = new BrowserPages();
  let h: EngineHarness | undefined;
  let base: string | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browserSuite: ${what} is read before beforeAll ran`);
    return value;
  };
  const suite: BrowserSuite = {
    get h() {
      return started(h, 'the engine');
    },
    sink,
    pages,
    get base() {
      return started(base, 'the address');
    },
    signIn: (page, email, next) => signInInBrowser(page, suite.base, suite.h, sink, email, next),
  };
  beforeAll(async () => {
    await sink.start();
    h = new EngineHarness({ msPerDay: opts.msPerDay, env: { ...sink.env(), ...opts.env } });
    await h.start();
    base = (await h.api.getUrl()).replace('[::1]', '127.0.0.1');
    await opts.setUp?.(suite);
    await pages.launch();
  }, 120_000);
  afterAll(async () => {
    await pages.close();
    await h?.stop();
    await sink.stop();
  }, 60_000);
  return suite;
}
