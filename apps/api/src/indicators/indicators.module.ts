import { Module } from '@nestjs/common';
import { ObservationsModule, ProgrammesModule } from '@pact/engine';
import { IndicatorsController } from './indicators.controller';

// ProgrammesModule: the controller scopes reads to the caller's programme (ProgrammeCatalog).
@Module({ imports: [ObservationsModule, ProgrammesModule], controllers: [IndicatorsController] })
export class IndicatorsHttpModule {}
