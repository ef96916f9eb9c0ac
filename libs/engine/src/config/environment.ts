import { plainToInstance, Type } from 'class-transformer';
import { IsEmpty, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * Every setting the engine reads from the environment, validated at start: a typo or a
 * wrong type stops the process with a message naming the variable, instead of running
 * a cycle on half a configuration. Settings only the API reads are in apps/api/src/config,
 * those only the worker reads in apps/worker/src/worker-settings.ts. Services receive them as
 * typed objects (settings.ts), never as raw strings.
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

  /**
   * How long (ms) this process's database client may stay unusable while a new connection to the
   * same database answers, before the client is rebuilt (DatabaseWatchdog). A database that is down
   * for everyone is waited for, never counted here.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  MONGODB_CLIENT_REBUILD_AFTER_MS = 30_000;

  /** How often (ms) the watchdog checks that this process's database client can serve a query. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  MONGODB_WATCHDOG_EVERY_MS = 5000;

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

  /**
   * How long (ms) a process may take to drain after SIGTERM or SIGINT (the API finishing its
   * requests, a worker its jobs) before it exits anyway: below the orchestrator's own grace period
   * (compose's stop_grace_period, Kubernetes' terminationGracePeriodSeconds), so the exit is ours.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  /** How long a scrape-time count from MongoDB (tasks by status per programme) is reused: a scrape storm reads it once. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  METRICS_CACHE_MS = 30_000;

  /**
   * false: no process metrics (CPU, memory, event loop, GC). Their monitors run for the life of
   * the Node process and are never stopped with an application, so a process that starts many
   * applications one after another (the end-to-end tests) would gather them; a deployment keeps the default.
   */
  @IsIn(['true', 'false'])
  METRICS_PROCESS = 'true';

  /** BullMQ key prefix; use one per deployment sharing a Redis. No ':' (it is BullMQ's separator). */
  @IsString()
  @Matches(/^[A-Za-z0-9_{}-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, _ - { } only' })
  QUEUE_PREFIX = 'pact';

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
  PACT_CONFIG = 'config/programmes/pact.yaml';

  /** The programmes' files: <programme>.questionnaire.yaml, each a questionnaire checked when the engine starts. */
  @IsString()
  PROGRAMMES_DIR = 'config/programmes';

  /**
   * How long (real ms) a follow-up must have been owed before the reconciler's sweep does it:
   * long enough that the process which applied the effect has surely finished (or died).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  FOLLOW_UP_GRACE_MS = 30_000;

  /** Where people reach the API: links in messages and calendar feed URLs start with it. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * The engine's own words, one folder per language holding pages.yaml, messages.yaml,
   * reports.yaml and calendar.yaml. (MESSAGES_DIR, which held the e-mails alone, is gone.)
   */
  @IsString()
  LOCALES_DIR = 'locales';

  /** Replaced by LOCALES_DIR: refused rather than ignored, so moved e-mail texts are not silently replaced by the shipped ones. */
  @IsEmpty({ message: 'MESSAGES_DIR is no longer read: set LOCALES_DIR to the folder holding <language>/messages.yaml (see docs/configuration.md)' })
  MESSAGES_DIR?: string;

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

  /**
   * true (the default during the transition to Standard Webhooks): deliveries also carry the earlier
   * x-pact-signature, x-pact-timestamp and x-pact-delivery headers; false once every receiver
   * verifies the webhook-signature.
   */
  @IsIn(['true', 'false'])
  WEBHOOK_LEGACY_SIGNATURE = 'true';

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

  /** The largest evidence file accepted, in bytes (default 10 MiB); a larger upload is refused with 413 and leaves nothing. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1024 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

  /** The evidence file types accepted, comma-separated, from pdf, png, jpeg, docx, xlsx, odt, ods, text (plain text and CSV). */
  @IsString()
  @Matches(/^\s*(pdf|png|jpeg|docx|xlsx|odt|ods|text)(\s*,\s*(pdf|png|jpeg|docx|xlsx|odt|ods|text))*\s*$/, {
    message: 'EVIDENCE_ALLOWED_TYPES must be a comma-separated list of pdf, png, jpeg, docx, xlsx, odt, ods, text',
  })
  EVIDENCE_ALLOWED_TYPES = 'pdf,png,jpeg,docx,xlsx,odt,ods,text';

  /** The folder evidence files' bodies are kept in (created when missing); back it up with the database. */
  @IsString()
  EVIDENCE_FILES_DIR = '.pact-data/evidence-files';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

/**
 * Reads `raw` (process.env, or a test's object) into `Variables` and checks every rule: the
 * error names each variable that is wrong, its value and what it must be. Each process checks
 * the variables of what it runs once, at start: the engine's here, the API's and the worker's
 * in their apps.
 */
export function validateVariables<T extends object>(Variables: new () => T, raw: Record<string, unknown>): T {
  const env = plainToInstance(Variables, raw, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  return env;
}

export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  return validateVariables(EnvironmentVariables, raw);
}
