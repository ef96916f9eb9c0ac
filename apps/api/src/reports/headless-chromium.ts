import { Browser, chromium } from 'playwright-core';

/** Flags for a headless Chromium on a server: no sandbox helper, no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The system's Chromium (playwright-core never downloads one), headless, with CHROMIUM_ARGS. */
export function launchHeadlessChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
