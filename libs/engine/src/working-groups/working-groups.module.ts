import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { WorkingGroupService } from './working-group.service';

@Module({ imports: [IdentityModule], providers: [WorkingGroupService], exports: [WorkingGroupService] })
export class WorkingGroupsModule {}
