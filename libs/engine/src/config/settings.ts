import { EvidenceFileType, isEvidenceFileType } from '@pact/domain';
import { DatabaseSettings } from '@pact/persistence';
import { QueueSettings } from '@pact/queues';
import { EnvironmentVariables, validateEnvironment } from './environment';

export { DatabaseSettings } from '@pact/persistence';
export { QueueSettings } from '@pact/queues';

/** Cycle time: the system's, or a simulated one (CLOCK_MODE, SIM_*). */
export interface ClockSettings {
  mode: 'system' | 'simulated';
  simMsPerDay: number;
  simAnchorDate?: string;
  simAnchorRealMs?: number;
}

/** SMTP_*: no host means e-mails are logged, not sent. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (SMTP_SECURE). */
  secure: boolean;
  requireTls: boolean;
  /** false only for test servers with self-signed certificates (SMTP_TLS_VERIFY). */
  tlsVerify: boolean;
  user: string;
  password: string;
  from: string;
}

export interface WebhookSettings {
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS: loopback and private networks allowed as targets. */
  allowPrivateTargets: boolean;
  /** A subscription is paused after this many deliveries in a row failed for good. */
  pauseAfter: number;
  /** WEBHOOK_LEGACY_SIGNATURE: the earlier x-pact-signature headers are sent beside the Standard Webhooks ones. */
  legacySignature: boolean;
}

/** People's sign-in (SIGN_IN_LIMIT_*, SESSION_*): read by the engine's sign-in services, used by the API's pages. */
export interface SignInSettings {
  limitPerAddress: number;
  limitPerClient: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
}

/** Evidence files (EVIDENCE_*): limits of an upload and where bodies are kept. */
export interface EvidenceSettings {
  maxBytes: number;
  allowedTypes: EvidenceFileType[];
  filesDir: string;
}

/** What the engine's services read from the environment, validated once when an application is created. */
export class EngineSettings {
  /** The cycles, groups and templates file (PACT_CONFIG). */
  readonly pactConfig: string;
  /** The programmes' files, among them their questionnaires (PROGRAMMES_DIR). */
  readonly programmesDir: string;
  /** The engine's own words: <language>/<area>.yaml for pages, messages, reports, calendar (LOCALES_DIR). */
  readonly localesDir: string;
  /** Where people reach the site, without a trailing slash (PUBLIC_URL). */
  readonly publicUrl: string;
  readonly clock: ClockSettings;
  readonly followUpGraceMs: number;
  readonly healthTimeoutMs: number;
  /** How long a process may drain after SIGTERM before it exits anyway (SHUTDOWN_TIMEOUT_MS). */
  readonly shutdownTimeoutMs: number;
  /** How long scrape-time counts from MongoDB are reused (METRICS_CACHE_MS). */
  readonly metricsCacheMs: number;
  /** Whether the process metrics are collected (METRICS_PROCESS). */
  readonly metricsProcess: boolean;
  readonly calendarRefreshMinutes: number;
  readonly smtp: SmtpSettings;
  readonly webhooks: WebhookSettings;
  readonly signIn: SignInSettings;
  readonly evidence: EvidenceSettings;

  constructor(values: EngineSettings) {
    Object.assign(this, values);
  }
}

export interface Settings {
  database: DatabaseSettings;
  queues: QueueSettings;
  engine: EngineSettings;
}

/** The typed settings, from the environment's variables (validated here when given raw). */
export function settingsFrom(raw: Record<string, unknown> | EnvironmentVariables): Settings {
  const env = raw instanceof EnvironmentVariables ? raw : validateEnvironment(raw);
  return {
    database: new DatabaseSettings({
      uri: env.MONGODB_URI,
      serverSelectionTimeoutMs: env.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
      socketTimeoutMs: env.MONGODB_SOCKET_TIMEOUT_MS,
      clientRebuildAfterMs: env.MONGODB_CLIENT_REBUILD_AFTER_MS,
      watchdogEveryMs: env.MONGODB_WATCHDOG_EVERY_MS,
    }),
    queues: new QueueSettings({
      redisUrl: env.REDIS_URL,
      prefix: env.QUEUE_PREFIX,
      commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
      notifyAttempts: env.NOTIFY_ATTEMPTS,
      notifyBackoffMs: env.NOTIFY_BACKOFF_MS,
      committeeSummaryWaitMs: env.COMMITTEE_SUMMARY_WAIT_MS,
    }),
    engine: new EngineSettings({
      pactConfig: env.PACT_CONFIG,
      programmesDir: env.PROGRAMMES_DIR,
      localesDir: env.LOCALES_DIR,
      publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
      clock: { mode: env.CLOCK_MODE, simMsPerDay: env.SIM_MS_PER_DAY, simAnchorDate: env.SIM_ANCHOR_DATE, simAnchorRealMs: env.SIM_ANCHOR_REAL_MS },
      followUpGraceMs: env.FOLLOW_UP_GRACE_MS,
      healthTimeoutMs: env.HEALTH_TIMEOUT_MS,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      metricsCacheMs: env.METRICS_CACHE_MS,
      metricsProcess: env.METRICS_PROCESS !== 'false',
      calendarRefreshMinutes: env.CALENDAR_REFRESH_MINUTES,
      smtp: {
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE === 'true',
        requireTls: env.SMTP_REQUIRE_TLS === 'true',
        tlsVerify: env.SMTP_TLS_VERIFY !== 'false',
        user: env.SMTP_USER,
        password: env.SMTP_PASSWORD,
        from: env.SMTP_FROM,
      },
      webhooks: {
        timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true',
        pauseAfter: env.WEBHOOK_PAUSE_AFTER,
        legacySignature: env.WEBHOOK_LEGACY_SIGNATURE === 'true',
      },
      signIn: {
        limitPerAddress: env.SIGN_IN_LIMIT_PER_ADDRESS,
        limitPerClient: env.SIGN_IN_LIMIT_PER_CLIENT,
        sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
        sessionMaxHours: env.SESSION_MAX_HOURS,
      },
      evidence: {
        maxBytes: env.EVIDENCE_MAX_BYTES,
        allowedTypes: [...new Set(env.EVIDENCE_ALLOWED_TYPES.split(',').map((t) => t.trim()))].filter(isEvidenceFileType),
        filesDir: env.EVIDENCE_FILES_DIR,
      },
    }),
  };
}

/** Engine settings for a test: the defaults, with `vars` (environment variable names) over them. */
export function testEngineSettings(vars: Record<string, unknown> = {}): EngineSettings {
  return settingsFrom({ MONGODB_URI: 'mongodb://test', ...vars }).engine;
}
