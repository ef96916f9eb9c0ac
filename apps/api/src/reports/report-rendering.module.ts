import { Module } from '@nestjs/common';
import { ReportPdfService } from './report-pdf.service';
import { ReportResponder } from './report-responder';

/** One report responder (and one headless Chromium for PDFs) per process, for the API and the pages alike. */
@Module({ providers: [ReportPdfService, ReportResponder], exports: [ReportResponder] })
export class ReportRenderingModule {}
