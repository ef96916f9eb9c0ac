import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchHeadlessChromium } from '../../apps/api/src/reports/headless-chromium';

/** Where browser tests write their screenshots. */
export const TEST_OUTPUT = join(__dirname, '..', '..', 'test-output');

/**
 * Debian's Chromium, launched as the API launches it for PDFs (the same flags: without the
 * background-networking ones Chromium keeps dialling out on this closed network).
 */
export async function launchChromium(): Promise<Browser> {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`${path} not found: install Debian's chromium package (scripts/test.sh does when run as root)`);
  mkdirSync(TEST_OUTPUT, { recursive: true });
  return launchHeadlessChromium(path);
}

/**
 * One Chromium for a test file and the contexts it opened (each a person: its own cookies,
 * language, JavaScript on or off), all closed together.
 */
export class BrowserPages {
  private browser?: Browser;
  private readonly contexts: BrowserContext[] = [];

  async launch(): Promise<void> {
    this.browser = await launchChromium();
  }

  /** A page in a context of its own; `extraHTTPHeaders` for a caller with an API token instead of a session (the queue dashboard, the API's HTML report). */
  async newPage(opts: { javaScriptEnabled?: boolean; locale?: string; extraHTTPHeaders?: Record<string, string> } = {}): Promise<Page> {
    const context = await this.browser!.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
    this.contexts.push(context);
    return context.newPage();
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser?.close();
  }
}
