import { Module } from '@nestjs/common';
import { CycleQuery } from './cycle.query';
import { CycleService } from './cycle.service';

@Module({ providers: [CycleService, CycleQuery], exports: [CycleService, CycleQuery] })
export class CyclesModule {}
