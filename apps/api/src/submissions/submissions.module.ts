import { Module } from '@nestjs/common';
import { SubmissionsModule, TasksModule } from '@pact/engine';
import { SubmissionsController } from './submissions.controller';

@Module({ imports: [SubmissionsModule, TasksModule], controllers: [SubmissionsController] })
export class SubmissionsHttpModule {}
