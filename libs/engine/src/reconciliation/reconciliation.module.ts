import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { TimerReconciler } from './timer-reconciler';

@Module({ imports: [DeadlinesModule], providers: [TimerReconciler], exports: [TimerReconciler] })
export class ReconciliationModule {}
