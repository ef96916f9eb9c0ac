import { Module } from '@nestjs/common';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';

/** People's sign-in (e-mail links) and sessions, for the pages; machines keep their API tokens (IdentityModule). */
@Module({ providers: [SessionService, SignInService], exports: [SessionService, SignInService] })
export class SignInModule {}
