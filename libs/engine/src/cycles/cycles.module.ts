import { Module } from '@nestjs/common';
import { CycleProgressQuery } from './cycle-progress.query';
import { CycleQuery } from './cycle.query';
import { CycleService } from './cycle.service';
import { ProgrammesModule } from '../programmes/programmes.module';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module';

@Module({
  imports: [ProgrammesModule, QuestionnairesModule],
  providers: [CycleService, CycleQuery, CycleProgressQuery],
  exports: [CycleService, CycleQuery, CycleProgressQuery],
})
export class CyclesModule {}
