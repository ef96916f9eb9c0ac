import { Module } from '@nestjs/common';
import { CyclesModule, ReportsModule } from '@pact/engine';
import { CyclesController } from './cycles.controller';

@Module({ imports: [CyclesModule, ReportsModule], controllers: [CyclesController] })
export class CyclesHttpModule {}
