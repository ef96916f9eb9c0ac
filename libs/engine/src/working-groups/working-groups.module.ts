import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { WorkingGroupService } from './working-group.service';
import { ProgrammesModule } from '../programmes/programmes.module';

@Module({ imports: [IdentityModule, ProgrammesModule], providers: [WorkingGroupService], exports: [WorkingGroupService] })
export class WorkingGroupsModule {}
