import { Module } from '@nestjs/common';
import { DeadlinesModule, SubmissionsModule, TasksModule } from '@pact/engine';
import { ExtensionRequestsController } from './extension-requests.controller';
import { TasksController } from './tasks.controller';

@Module({ imports: [SubmissionsModule, DeadlinesModule, TasksModule], controllers: [TasksController, ExtensionRequestsController] })
export class TasksHttpModule {}
