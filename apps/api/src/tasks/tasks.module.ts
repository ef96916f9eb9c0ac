import { Module } from '@nestjs/common';
import { SubmissionsModule, TasksModule } from '@pact/engine';
import { TasksController } from './tasks.controller';

@Module({ imports: [SubmissionsModule, TasksModule], controllers: [TasksController] })
export class TasksHttpModule {}
