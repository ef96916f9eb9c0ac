import { HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { apiSettingsFrom } from '../config/api-settings';
import { AuthFailureLimiter, clientKey } from './auth-failure-limiter';

const req = (ip: string) => ({ ip, socket: { remoteAddress: ip } }) as unknown as Request;

function limiter(limit: number) {
  return new AuthFailureLimiter(apiSettingsFrom({ AUTH_FAILURES_PER_MINUTE: String(limit) }));
}

function status(l: AuthFailureLimiter, ip: string): { status: number; retryAfter?: string } {
  const headers: Record<string, string> = {};
  const res = { setHeader: (k: string, v: string) => (headers[k] = v) } as unknown as Response;
  try {
    l.assertAllowed(req(ip), res);
    return { status: 200 };
  } catch (err) {
    return { status: (err as HttpException).getStatus(), retryAfter: headers['Retry-After'] };
  }
}

describe('AuthFailureLimiter', () => {
  afterEach(() => jest.useRealTimers());

  it('turns an address away after the limit, until its minute is over, and no other address', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const l = limiter(3);
    for (let i = 0; i < 3; i++) {
      expect(status(l, '203.0.113.7').status).toBe(200);
      l.recordFailure(req('203.0.113.7'));
    }
    expect(status(l, '203.0.113.7')).toEqual({ status: 429, retryAfter: '60' });
    expect(status(l, '203.0.113.8').status).toBe(200);
    jest.advanceTimersByTime(45_500);
    expect(status(l, '203.0.113.7')).toEqual({ status: 429, retryAfter: '15' });
    jest.advanceTimersByTime(14_500);
    expect(status(l, '203.0.113.7').status).toBe(200);
    // A new minute: counting starts again.
    l.recordFailure(req('203.0.113.7'));
    expect(status(l, '203.0.113.7').status).toBe(200);
  });

  it('counts IPv4-mapped addresses as IPv4 and IPv6 addresses per /64', () => {
    expect(clientKey(req('::ffff:198.51.100.4'))).toBe('198.51.100.4');
    expect(clientKey(req('198.51.100.4'))).toBe('198.51.100.4');
    expect(clientKey(req('2001:db8:1:2:aaaa::1'))).toBe('2001:db8:1:2::/64');
    expect(clientKey(req('2001:db8:1:2:bbbb:cccc:dddd:eeee'))).toBe('2001:db8:1:2::/64');
    expect(clientKey(req('2001:db8::1'))).toBe('2001:db8:0:0::/64');
    expect(clientKey(req('::1'))).toBe('0:0:0:0::/64');
    const l = limiter(1);
    l.recordFailure(req('2001:db8:1:2::1'));
    expect(status(l, '2001:db8:1:2::ffff').status).toBe(429);
    expect(status(l, '2001:db8:1:3::1').status).toBe(200);
  });
});
