import { Module } from '@nestjs/common';
import { DeadlinesModule, SubmissionsModule } from '@pact/engine';
import { TaskAccess } from '../auth/task-access';
import { TasksController } from './tasks.controller';

@Module({ imports: [SubmissionsModule, DeadlinesModule], controllers: [TasksController], providers: [TaskAccess] })
export class TasksHttpModule {}
