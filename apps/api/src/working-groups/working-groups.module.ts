import { Module } from '@nestjs/common';
import { WorkingGroupsModule as EngineWorkingGroups } from '@pact/engine';
import { WorkingGroupsController } from './working-groups.controller';

@Module({ imports: [EngineWorkingGroups], controllers: [WorkingGroupsController] })
export class WorkingGroupsHttpModule {}
