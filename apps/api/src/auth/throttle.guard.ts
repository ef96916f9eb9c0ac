import type { Request } from 'express';
import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { tokenFromRequest } from './bearer-token';

/** Rate limits per token (per client address when there is none), so one noisy client cannot starve the rest. */
@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(req: Record<string, unknown>): Promise<string> {
    const token = tokenFromRequest(req as unknown as Request);
    return token ? `token:${createHash('sha256').update(token).digest('hex').slice(0, 32)}` : `ip:${String(req.ip)}`;
  }
}
