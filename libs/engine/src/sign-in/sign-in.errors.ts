import { NotFoundError, RateLimitedError } from '../errors';

/** Too many sign-in requests for this address or from this client; the same answer for known and unknown addresses. */
export class TooManySignInRequests extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(`too many sign-in requests; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, retryAfterSeconds);
    this.name = 'TooManySignInRequests';
  }
}

/** The sign-in link is unknown, used already or expired (which of these is not told). */
export class SignInLinkUnusable extends NotFoundError {
  constructor() {
    super('this sign-in link has expired or has been used already');
    this.name = 'SignInLinkUnusable';
  }
}
