import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ObservationService } from './observation.service';

@Module({ imports: [IndicatorsModule], providers: [ObservationService], exports: [ObservationService, IndicatorsModule] })
export class ObservationsModule {}
