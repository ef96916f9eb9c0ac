import { Module } from '@nestjs/common';
import { WorkingGroupService } from './working-group.service';

@Module({ providers: [WorkingGroupService], exports: [WorkingGroupService] })
export class WorkingGroupsModule {}
