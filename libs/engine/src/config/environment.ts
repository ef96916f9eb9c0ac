import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * Every setting the engine reads from the environment, validated at start: a typo or a
 * wrong type stops the process with a message naming the variable, instead of running
 * a cycle on half a configuration.
 */
export class EnvironmentVariables {
  @IsString()
  @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI: string;

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * How long (ms) to wait for a MongoDB server to be reachable before a command fails (the
   * request is then answered 503 with Retry-After, the job retried with backoff).
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  MONGODB_SERVER_SELECTION_TIMEOUT_MS = 5000;

  /**
   * How long (ms) a MongoDB command may wait for its reply before its connection is closed and
   * it fails: a stuck database then costs a failed request, never a stalled process.
   */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(600_000)
  MONGODB_SOCKET_TIMEOUT_MS = 30_000;

  /** How long (ms) a Redis command of a producer (API, scheduling) may wait for its reply. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  REDIS_COMMAND_TIMEOUT_MS = 5000;

  /** How long (ms) each dependency may take to answer the readiness check (GET /health). */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60_000)
  HEALTH_TIMEOUT_MS = 2000;

  /** BullMQ key prefix; use one per deployment sharing a Redis. No ':' (it is BullMQ's separator). */
  @IsString()
  @Matches(/^[A-Za-z0-9_{}-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, _ - { } only' })
  QUEUE_PREFIX = 'pact';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsIn(['system', 'simulated'])
  CLOCK_MODE: 'system' | 'simulated' = 'system';

  /** Simulation: real milliseconds per day of cycle time. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  SIM_MS_PER_DAY = 50;

  /** Simulation anchor: the cycle-time date at SIM_ANCHOR_REAL_MS (shared by all processes of one run). */
  @IsOptional()
  @IsISO8601({ strict: true })
  SIM_ANCHOR_DATE?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SIM_ANCHOR_REAL_MS?: number;

  @IsString()
  PACT_CONFIG = 'config/pact.yaml';

  /** How often (real ms) the reconciler rebuilds missing timers from MongoDB. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  RECONCILE_EVERY_MS = 60_000;

  /**
   * How long (real ms) a follow-up must have been owed before the reconciler's sweep does it:
   * long enough that the process which applied the effect has surely finished (or died).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  FOLLOW_UP_GRACE_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 8;

  /** How long a worker holds a job before another may take it over (it died): also the stall check interval. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  WORKER_LOCK_MS = 30_000;

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

  /** Where people reach the API: links in messages and calendar feed URLs start with it. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** Message templates, one YAML file per language (en.yaml is required). */
  @IsString()
  MESSAGES_DIR = 'config/messages';

  /** SMTP server for e-mail; empty: e-mails are written to the log only (status "logged"). */
  @IsString()
  SMTP_HOST = '';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 587;

  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  @IsIn(['true', 'false'])
  SMTP_SECURE = 'false';

  /** true: refuse to send unless the connection is upgraded with STARTTLS. */
  @IsIn(['true', 'false'])
  SMTP_REQUIRE_TLS = 'false';

  /** false only for test servers with self-signed certificates. */
  @IsIn(['true', 'false'])
  SMTP_TLS_VERIFY = 'true';

  @IsString()
  SMTP_USER = '';

  @IsString()
  SMTP_PASSWORD = '';

  @IsString()
  @Matches(/@/, { message: 'SMTP_FROM must hold an address, e.g. "Pact monitoring <no-reply@example.org>"' })
  SMTP_FROM = 'Pact monitoring <no-reply@pact.example.eu>';

  /** Delivery attempts per message (the first one included) before it is recorded as failed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFY_ATTEMPTS = 8;

  /** First retry delay (real ms); it doubles with every further attempt. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  NOTIFY_BACKOFF_MS = 30_000;

  /** Rate limit of the notifications worker: at most NOTIFY_RATE_MAX deliveries per NOTIFY_RATE_MS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  NOTIFY_RATE_MAX = 20;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  NOTIFY_RATE_MS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** true: webhooks may target loopback and private networks (internal receivers, tests); false refuses them. */
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE_TARGETS = 'false';

  /** A subscription is paused after this many deliveries in a row failed for good. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_PAUSE_AFTER = 5;

  /** How long (real ms) a committee summary waits to gather escalations that fall due together. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  COMMITTEE_SUMMARY_WAIT_MS = 60_000;

  /** How often calendar clients are asked to refresh a chair's deadline feed. */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(1440)
  CALENDAR_REFRESH_MINUTES = 60;

  /** People's sessions end after this long without a request (enforced in code). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  SESSION_IDLE_MINUTES = 60;

  /** …and this long after sign-in whatever happens (enforced in code). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30 * 24)
  SESSION_MAX_HOURS = 12;

  /** Sign-in links asked for per e-mail address in 15 minutes (known or not, counted alike). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGN_IN_LIMIT_PER_ADDRESS = 5;

  /** Sign-in links asked for per client (IP address) in 15 minutes. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGN_IN_LIMIT_PER_CLIENT = 30;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  return env;
}
