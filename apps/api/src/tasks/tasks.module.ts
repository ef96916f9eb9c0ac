import { Module } from '@nestjs/common';
import { DeadlinesModule, SubmissionsModule } from '@pact/engine';
import { TasksController } from './tasks.controller';

@Module({ imports: [SubmissionsModule, DeadlinesModule], controllers: [TasksController] })
export class TasksHttpModule {}
