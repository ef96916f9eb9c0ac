import { Module } from '@nestjs/common';
import { ProgrammeCatalog } from './programme-catalog';

/** The programmes one deployment serves (config/programmes), checked at start. */
@Module({ providers: [ProgrammeCatalog], exports: [ProgrammeCatalog] })
export class ProgrammesModule {}
