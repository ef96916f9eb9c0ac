import { Module } from '@nestjs/common';
import { EngineModule } from '@pact/engine';
import { CyclesHttpModule } from './cycles/cycles.module';
import { HealthController } from './health/health.controller';
import { TasksHttpModule } from './tasks/tasks.module';
import { WorkingGroupsHttpModule } from './working-groups/working-groups.module';

@Module({
  imports: [EngineModule, WorkingGroupsHttpModule, CyclesHttpModule, TasksHttpModule],
  controllers: [HealthController],
})
export class ApiModule {}
