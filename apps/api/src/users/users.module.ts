import { Module } from '@nestjs/common';
import { IdentityModule, InboxModule } from '@pact/engine';
import { MeController } from '../me/me.controller';
import { UsersController } from './users.controller';

/** The people API: users and their tokens (`/api/users`, the committee's) and oneself (`/api/me`). */
@Module({ imports: [IdentityModule, InboxModule], controllers: [UsersController, MeController] })
export class UsersHttpModule {}
