import { Module } from '@nestjs/common';
import { IdentityModule } from '@pact/engine';
import { MeController } from '../me/me.controller';
import { UsersController } from '../users/users.controller';

@Module({ imports: [IdentityModule], controllers: [UsersController, MeController] })
export class IdentityHttpModule {}
