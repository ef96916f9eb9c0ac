import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { ReportsModule } from '../reports/reports.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { WorkingGroupsModule } from '../working-groups/working-groups.module';
import { HistoryModule } from '../history/history.module';
import { FollowUpSweeper } from './follow-up-sweeper';
import { TimerReconciler } from './timer-reconciler';

@Module({
  imports: [DeadlinesModule, SubmissionsModule, CyclesModule, ReportsModule, WorkingGroupsModule, HistoryModule],
  providers: [TimerReconciler, FollowUpSweeper],
  exports: [TimerReconciler, FollowUpSweeper],
})
export class ReconciliationModule {}
