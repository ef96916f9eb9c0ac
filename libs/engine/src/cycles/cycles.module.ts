import { Module } from '@nestjs/common';
import { CycleService } from './cycle.service';

@Module({ providers: [CycleService], exports: [CycleService] })
export class CyclesModule {}
