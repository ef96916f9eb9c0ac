import { Module } from '@nestjs/common';
import { CyclesModule, ReportsModule } from '@pact/engine';
import { ReportRenderingModule } from '../reports/report-rendering.module';
import { ReportsController } from '../reports/reports.controller';
import { CyclesController } from './cycles.controller';

@Module({ imports: [CyclesModule, ReportsModule, ReportRenderingModule], controllers: [CyclesController, ReportsController] })
export class CyclesHttpModule {}
