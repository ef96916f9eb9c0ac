import { ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';

/**
 * @nestjs/terminus throws a ServiceUnavailableException carrying its result when a check is
 * down; answered as it is (503, terminus's body), not as the API's Problem Details, so probes and
 * people read the same shape whatever the outcome.
 */
export async function answerHealthCheck(check: Promise<HealthCheckResult>, res: Response): Promise<HealthCheckResult> {
  try {
    return await check;
  } catch (err) {
    if (!(err instanceof ServiceUnavailableException)) throw err;
    res.status(503).setHeader('Retry-After', '5');
    return err.getResponse() as HealthCheckResult;
  }
}
