import { Module } from '@nestjs/common';
import { TimerReconciler } from './timer-reconciler';

@Module({ providers: [TimerReconciler], exports: [TimerReconciler] })
export class ReconciliationModule {}
