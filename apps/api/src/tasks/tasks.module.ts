import { Module } from '@nestjs/common';
import { DeadlinesModule, SubmissionsModule, TasksModule } from '@pact/engine';
import { TasksController } from './tasks.controller';

@Module({ imports: [SubmissionsModule, DeadlinesModule, TasksModule], controllers: [TasksController] })
export class TasksHttpModule {}
