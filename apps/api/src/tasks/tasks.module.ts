import { Module } from '@nestjs/common';
import { DeadlinesModule, SubmissionsModule } from '@pact/engine';
import { TaskAccess } from '../auth/task-access';
import { ExtensionRequestsController } from './extension-requests.controller';
import { TasksController } from './tasks.controller';

@Module({ imports: [SubmissionsModule, DeadlinesModule], controllers: [TasksController, ExtensionRequestsController], providers: [TaskAccess] })
export class TasksHttpModule {}
