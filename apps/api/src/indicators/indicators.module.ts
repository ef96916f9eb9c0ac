import { Module } from '@nestjs/common';
import { ObservationsModule, ProgrammesModule } from '@pact/engine';
import { IndicatorsController } from './indicators.controller';

@Module({ imports: [ObservationsModule, ProgrammesModule], controllers: [IndicatorsController] })
export class IndicatorsHttpModule {}
