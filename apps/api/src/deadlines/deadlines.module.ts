import { Module } from '@nestjs/common';
import { DeadlinesModule, TasksModule } from '@pact/engine';
import { ExtensionRequestsController } from './extension-requests.controller';
import { ExtensionsController } from './extensions.controller';

/** Due dates of tasks: the committee's extensions and the chairs' requests for more time. */
@Module({ imports: [DeadlinesModule, TasksModule], controllers: [ExtensionsController, ExtensionRequestsController] })
export class DeadlinesHttpModule {}
