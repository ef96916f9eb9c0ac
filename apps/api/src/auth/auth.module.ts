import { Module } from '@nestjs/common';
import { AuthFailureLimiter } from './auth-failure-limiter';

/** One failed-authentication count per API process, shared by the API's guard, the queue dashboard and the calendar feeds. */
@Module({ providers: [AuthFailureLimiter], exports: [AuthFailureLimiter] })
export class AuthModule {}
