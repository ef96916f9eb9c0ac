import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@pact/engine';
import { ProgrammesController } from './programmes.controller';

@Module({ imports: [ProgrammesModule], controllers: [ProgrammesController] })
export class ProgrammesHttpModule {}
