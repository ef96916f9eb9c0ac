import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
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
