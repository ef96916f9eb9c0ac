import { Module } from '@nestjs/common';
import { IndicatorCatalog } from './indicator-catalog';

@Module({ providers: [IndicatorCatalog], exports: [IndicatorCatalog] })
export class IndicatorsModule {}
