import { Module } from '@nestjs/common';
import { EvidenceFilesModule, TasksModule } from '@pact/engine';
import { EvidenceFilesController } from './evidence-files.controller';

@Module({ imports: [EvidenceFilesModule, TasksModule], controllers: [EvidenceFilesController] })
export class EvidenceFilesHttpModule {}
