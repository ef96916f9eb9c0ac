import { Module } from '@nestjs/common';
import { CyclesModule, ReportsModule } from '@pact/engine';
import { ReportsController } from '../reports/reports.controller';
import { CyclesController } from './cycles.controller';

@Module({ imports: [CyclesModule, ReportsModule], controllers: [CyclesController, ReportsController] })
export class CyclesHttpModule {}
