import { Module } from '@nestjs/common';
import { CycleProgressQuery } from './cycle-progress.query';
import { CycleQuery } from './cycle.query';
import { CycleService } from './cycle.service';

@Module({ providers: [CycleService, CycleQuery, CycleProgressQuery], exports: [CycleService, CycleQuery, CycleProgressQuery] })
export class CyclesModule {}
