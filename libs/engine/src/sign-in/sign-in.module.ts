import { Module } from '@nestjs/common';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';
import { IdentityModule } from '../identity/identity.module';

/** People's sign-in (e-mail links) and sessions, for the pages; machines keep their API tokens (IdentityModule). */
@Module({ imports: [IdentityModule], providers: [SessionService, SignInService], exports: [SessionService, SignInService] })
export class SignInModule {}
