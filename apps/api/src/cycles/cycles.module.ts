import { Module } from '@nestjs/common';
import { CyclesModule, ReportsModule } from '@pact/engine';
import { ReportPdfService } from '../reports/report-pdf.service';
import { ReportResponder } from '../reports/report-responder';
import { ReportsController } from '../reports/reports.controller';
import { CyclesController } from './cycles.controller';

@Module({ imports: [CyclesModule, ReportsModule], controllers: [CyclesController, ReportsController], providers: [ReportPdfService, ReportResponder] })
export class CyclesHttpModule {}
