import { Module } from '@nestjs/common';
import { HistoryModule } from '@pact/engine';
import { HistoryController } from './history.controller';

@Module({ imports: [HistoryModule], controllers: [HistoryController] })
export class HistoryHttpModule {}
