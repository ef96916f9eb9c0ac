import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';

/** Where browser tests write their screenshots. */
export const TEST_OUTPUT = join(__dirname, '..', '..', 'test-output');

/**
 * Debian's Chromium (playwright-core never downloads a browser), headless, with the flags this
 * machine's closed network needs: without the background-networking ones Chromium keeps
 * dialling out and being refused.
 */
export async function launchChromium(): Promise<Browser> {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`${path} not found: install Debian's chromium package (scripts/test.sh does when run as root)`);
  mkdirSync(TEST_OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: path,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
