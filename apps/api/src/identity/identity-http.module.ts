import { Module } from '@nestjs/common';
import { IdentityModule, InboxModule } from '@pact/engine';
import { MeController } from '../me/me.controller';
import { UsersController } from '../users/users.controller';

@Module({ imports: [IdentityModule, InboxModule], controllers: [UsersController, MeController] })
export class IdentityHttpModule {}
