import { Global, Module } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { validateVariables } from '@pact/engine';

/**
 * The settings only the API reads (HTTP, PDF, API rate limits, CORS), validated once when the
 * API starts with a message naming each wrong variable. The engine's own (MongoDB, Redis,
 * PUBLIC_URL, sign-in and sessions, …) are in libs/engine/src/config/environment.ts.
 */
export class ApiEnvironmentVariables {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT = '256kb';

  /** A client must have sent a request's headers within this time (real ms), or gets 408 and is disconnected. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  /**
   * A client must have sent a whole request, body included, within this time (real ms), or gets
   * 408: a request that declares a large body and sends a few bytes does not hold its connection
   * for long. At least HTTP_HEADERS_TIMEOUT_MS. (Answers may take longer: this bounds the upload.)
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /** An idle keep-alive connection is closed after this time (real ms); behind a load balancer, make it longer than the balancer's idle timeout. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 5_000;

  /** Headless Chromium that prints reports as PDF: by default Debian's chromium package, where scripts/ensure-chromium.sh installs it. */
  @IsString()
  @Matches(/^\//, { message: 'CHROMIUM_PATH must be an absolute path to a Chromium executable' })
  CHROMIUM_PATH = '/usr/bin/chromium';

  /** PDF reports rendered at once per API process; more wait their turn (503 when too many wait). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  PDF_CONCURRENCY = 2;

  /** Requests per minute allowed per API token (per client address without one). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Failed authentications (no token, or an unknown, expired or revoked one) allowed per client
   * address and minute; beyond, that address gets 429 until the minute is over, before any token
   * is looked up.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  AUTH_FAILURES_PER_MINUTE = 30;

  /** Browser origins allowed to call the API (comma-separated); empty: CORS off. */
  @IsString()
  CORS_ORIGINS = '';

  /**
   * Behind a reverse proxy, which proxies to believe about the client's address
   * (X-Forwarded-For): a number of hops, or addresses, CIDR ranges and Express's names
   * (loopback, linklocal, uniquelocal), comma-separated. Empty: none, the socket's address counts.
   * Without it, behind a proxy every person shares one address, and the per-client limits
   * (sign-in links, failed authentications, API rate) would hold them back together.
   */
  @IsString()
  @Matches(/^(\d{1,2}|\s*([0-9a-f.:/]+|loopback|linklocal|uniquelocal)\s*(,\s*([0-9a-f.:/]+|loopback|linklocal|uniquelocal)\s*)*)?$/i, {
    message: 'TRUST_PROXY must be empty, a number of proxy hops, or comma-separated addresses, CIDR ranges, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY = '';
}

/** The API's settings, typed. */
export class ApiSettings {
  readonly port: number;
  /** Largest request body (BODY_LIMIT, e.g. 256kb). */
  readonly bodyLimit: string;
  readonly http: { headersMs: number; requestMs: number; keepAliveMs: number };
  readonly chromiumPath: string;
  readonly pdfConcurrency: number;
  readonly rateLimitPerMinute: number;
  readonly authFailuresPerMinute: number;
  /** Browser origins allowed to call the API; empty: CORS off. */
  readonly corsOrigins: string[];
  /** Express's "trust proxy" (hops, or addresses and ranges); false: the socket's address is the client's. */
  readonly trustProxy: number | string[] | false;

  constructor(values: ApiSettings) {
    Object.assign(this, values);
  }
}

/** The API's settings from the environment's variables (process.env, or a test's object), validated. */
export function apiSettingsFrom(raw: Record<string, unknown>): ApiSettings {
  const env = validateVariables(ApiEnvironmentVariables, raw);
  return new ApiSettings({
    port: env.PORT,
    bodyLimit: env.BODY_LIMIT,
    http: { headersMs: env.HTTP_HEADERS_TIMEOUT_MS, requestMs: env.HTTP_REQUEST_TIMEOUT_MS, keepAliveMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS },
    chromiumPath: env.CHROMIUM_PATH,
    pdfConcurrency: env.PDF_CONCURRENCY,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: trustProxyOf(env.TRUST_PROXY),
  });
}

function trustProxyOf(value: string): number | string[] | false {
  const v = value.trim();
  if (!v) return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Read when the API application is created (not on import), like the engine's settings. */
@Global()
@Module({ providers: [{ provide: ApiSettings, useFactory: () => apiSettingsFrom(process.env) }], exports: [ApiSettings] })
export class ApiSettingsModule {}
