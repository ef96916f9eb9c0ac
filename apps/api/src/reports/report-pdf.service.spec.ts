import { ServiceUnavailableException } from '@nestjs/common';
import { apiSettingsFrom } from '../config/api-settings';
import { ReportPdfService } from './report-pdf.service';

describe('ReportPdfService without a browser', () => {
  it('answers 503 naming the missing Chromium and how to fix it, and does not keep a failed launch', async () => {
    const pdf = new ReportPdfService(apiSettingsFrom({ CHROMIUM_PATH: '/nonexistent/chromium', PDF_CONCURRENCY: 1 }));
    const err = await pdf.render('<p>x</p>', 'x').catch((e) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableException);
    expect(err.getStatus()).toBe(503);
    expect(err.message).toBe("PDF rendering is not available: no Chromium at /nonexistent/chromium (install Debian's chromium package or set CHROMIUM_PATH)");
    // The slot was released: a second request gets the same answer instead of waiting forever.
    await expect(pdf.render('<p>x</p>', 'x')).rejects.toBeInstanceOf(ServiceUnavailableException);
    await pdf.onModuleDestroy();
  });
});
