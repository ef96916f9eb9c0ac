import { ProgrammesModule } from '../programmes/programmes.module';
import { Module } from '@nestjs/common';
import { IdentityService } from './identity.service';

@Module({ imports: [ProgrammesModule], providers: [IdentityService], exports: [IdentityService] })
export class IdentityModule {}
