import { Module } from '@nestjs/common';
import { ObservationsModule } from '@pact/engine';
import { IndicatorsController } from './indicators.controller';

@Module({ imports: [ObservationsModule], controllers: [IndicatorsController] })
export class IndicatorsHttpModule {}
