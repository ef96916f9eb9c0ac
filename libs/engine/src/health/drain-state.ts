import { Injectable } from '@nestjs/common';

/**
 * Whether this process has been told to stop (SIGTERM) and is draining. Readiness answers 503
 * from that moment, so a load balancer or orchestrator sends no new work while what is in
 * flight finishes; liveness stays up, so the process is not killed for draining.
 */
@Injectable()
export class DrainState {
  private since?: Date;

  get draining(): boolean {
    return this.since !== undefined;
  }

  begin(): void {
    this.since ??= new Date();
  }
}
