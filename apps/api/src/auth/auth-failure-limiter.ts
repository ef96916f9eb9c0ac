import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isIPv6 } from 'node:net';
import { ApiSettings } from '../config/api-settings';

const WINDOW_MS = 60_000;
/** Addresses remembered at most; beyond, the expired ones are forgotten first, then the oldest. */
const MAX_TRACKED = 100_000;

/**
 * Counts failed authentications (no token, or one that is unknown, expired or revoked) per
 * client address, and turns the address away with 429 once it has failed
 * AUTH_FAILURES_PER_MINUTE times within a minute, until that minute is over. The check comes
 * before the token lookup, so guessing tokens costs the database nothing once the limit is
 * reached. Only failures count: a client that authenticates is never slowed by this, and other
 * addresses are not affected. IPv6 clients are counted per /64 (what one host usually holds).
 * The counts live in this API process's memory.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limit: number;
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(settings: ApiSettings) {
    this.limit = settings.authFailuresPerMinute;
  }

  /** Throws 429 (with Retry-After) when the request's address is over its limit; call before looking a token up. */
  assertAllowed(req: Request, res: Response): void {
    const entry = this.failures.get(clientKey(req));
    const now = Date.now();
    if (!entry || entry.resetAt <= now || entry.count < this.limit) return;
    const seconds = Math.max(1, Math.ceil((entry.resetAt - now) / 1000));
    res.setHeader('Retry-After', String(seconds));
    throw new HttpException(
      { statusCode: 429, error: 'Too Many Requests', message: `too many failed authentications from your address; try again in ${seconds} s` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  /** Records a failed authentication of the request's address. */
  recordFailure(req: Request): void {
    const key = clientKey(req);
    const now = Date.now();
    const entry = this.failures.get(key);
    if (entry && entry.resetAt > now) {
      entry.count++;
      return;
    }
    this.failures.delete(key);
    if (this.failures.size >= MAX_TRACKED) this.forget(now);
    this.failures.set(key, { count: 1, resetAt: now + WINDOW_MS });
  }

  private forget(now: number): void {
    for (const [key, e] of this.failures) if (e.resetAt <= now) this.failures.delete(key);
    // Still full: the oldest entries (Map keeps insertion order) make room.
    for (const key of this.failures.keys()) {
      if (this.failures.size < MAX_TRACKED * 0.9) break;
      this.failures.delete(key);
    }
  }
}

/** The client's address as counted: IPv4 (also when IPv4-mapped), or the /64 of an IPv6 address. */
export function clientKey(req: Pick<Request, 'ip' | 'socket'>): string {
  const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  // Expand "::" to count the groups; a trailing dotted IPv4 part stands for two of them.
  const width = (part: string) => (part ? part.split(':').reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0) : 0);
  const [head, tail = ''] = ip.split('::');
  const zeros = ip.includes('::') ? Array(8 - width(head) - width(tail)).fill('0') : [];
  const groups = [...(head ? head.split(':') : []), ...zeros, ...(tail ? tail.split(':') : [])];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
