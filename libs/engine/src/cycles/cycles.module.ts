import { Module } from '@nestjs/common';
import { CycleProgressQuery } from './cycle-progress.query';
import { CycleService } from './cycle.service';

@Module({ providers: [CycleService, CycleProgressQuery], exports: [CycleService, CycleProgressQuery] })
export class CyclesModule {}
