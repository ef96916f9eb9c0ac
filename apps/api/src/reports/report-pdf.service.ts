import { Injectable, Logger, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import { escapeHtml } from '@pact/domain';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchHeadlessChromium } from './headless-chromium';
import { ApiSettings } from '../config/api-settings';

/** How many renders may wait for a turn, per allowed concurrent render, before 503. */
const WAITING_PER_SLOT = 8;
const RENDER_TIMEOUT_MS = 60_000;

/**
 * Prints report pages to PDF with headless Chromium (playwright-core drives the system's
 * browser; it never downloads one). One browser per process, launched on first use and closed
 * when the module is destroyed; each render gets its own context with JavaScript off (the pages
 * have none) and at most PDF_CONCURRENCY run at once. Without a usable Chromium: 503 naming why.
 */
@Injectable()
export class ReportPdfService implements OnModuleDestroy {
  private readonly logger = new Logger(ReportPdfService.name);
  private readonly path: string;
  private readonly limit: number;
  private browser?: Promise<Browser>;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(settings: ApiSettings) {
    this.path = settings.chromiumPath;
    this.limit = settings.pdfConcurrency;
  }

  /** The page as an A4 PDF with backgrounds (the charts' colours), `footer` and page numbers at the foot of each page. */
  async render(html: string, footer: string): Promise<Buffer> {
    await this.acquire();
    try {
      const browser = await this.launch();
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(RENDER_TIMEOUT_MS);
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: `<div style="font: 7.5pt system-ui, sans-serif; color: #666; width: 100%; padding: 0 16mm; display: flex; justify-content: space-between"><span>${escapeHtml(footer)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
        });
      } finally {
        await context.close().catch(() => undefined);
      }
    } finally {
      this.release();
    }
  }

  private launch(): Promise<Browser> {
    if (this.closed) throw new ServiceUnavailableException('PDF rendering is shutting down');
    if (!this.browser) {
      if (!existsSync(this.path)) {
        throw new ServiceUnavailableException(
          `PDF rendering is not available: no Chromium at ${this.path} (install Debian's chromium package or set CHROMIUM_PATH)`,
        );
      }
      const launching = launchHeadlessChromium(this.path).then(
        (b) => {
          this.logger.log(`Chromium ${b.version()} started for PDF reports`);
          // A crashed browser is relaunched by the next render.
          b.on('disconnected', () => {
            if (this.browser === launching) this.browser = undefined;
          });
          return b;
        },
        (err: Error) => {
          if (this.browser === launching) this.browser = undefined;
          this.logger.error(`Chromium at ${this.path} failed to start: ${err.message}`);
          throw new ServiceUnavailableException(`PDF rendering is not available: Chromium at ${this.path} failed to start`);
        },
      );
      this.browser = launching;
    }
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    if (this.waiting.length >= this.limit * WAITING_PER_SLOT) throw new ServiceUnavailableException('PDF rendering is busy; retry in a moment');
    // The slot is handed over by release(), so `active` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const launching = this.browser;
    this.browser = undefined;
    const browser = await launching?.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}
