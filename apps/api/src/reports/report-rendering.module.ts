import { Module } from '@nestjs/common';
import { ReportsModule } from '@pact/engine';
import { ReportPdfService } from './report-pdf.service';
import { ReportResponder } from './report-responder';

/** One report responder (and one headless Chromium for PDFs) per process, for the API and the pages alike. */
@Module({ imports: [ReportsModule], providers: [ReportPdfService, ReportResponder], exports: [ReportResponder] })
export class ReportRenderingModule {}
