import { Module } from '@nestjs/common';
import { ObservationsModule } from '../observations/observations.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module';
import { WorkingGroupsModule } from '../working-groups/working-groups.module';
import { HistoryService } from './history.service';

/** Past cycles imported from history files (HistoryService). */
@Module({
  imports: [ObservationsModule, ProgrammesModule, QuestionnairesModule, WorkingGroupsModule],
  providers: [HistoryService],
  exports: [HistoryService],
})
export class HistoryModule {}
