import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import { logFormat, pinoLevel } from './log-format';
import { REDACTED, REDACTED_PATHS, scrubText } from './log-redaction';

export interface EngineLoggerEnv {
  LOG_LEVEL?: string;
  LOG_FORMAT?: string;
  NO_COLOR?: string;
}

/**
 * The options of every process's logger: redaction of credential fields, messages scrubbed
 * of links and tokens (a message is text someone wrote, so fields alone are not enough),
 * ISO times and level names a log system can read without a mapping.
 */
export function engineLoggerOptions(app: string, env: EngineLoggerEnv = process.env): LoggerOptions {
  return {
    level: pinoLevel(env.LOG_LEVEL),
    base: { app, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers: {
      err: (err: unknown) => {
        const s = pino.stdSerializers.err(err as Error) as Record<string, unknown>;
        for (const k of ['message', 'stack'] as const) if (typeof s[k] === 'string') s[k] = scrubText(s[k]);
        return s;
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as typeof args;
        return method.apply(this, scrubbed);
      },
    },
  };
}

/** Where lines go: JSON to stdout (synchronously, so the last lines before an exit are written), or pino-pretty's text. */
export function engineLogStream(env: EngineLoggerEnv = process.env, stdoutIsTty = Boolean(process.stdout.isTTY)): DestinationStream {
  if (logFormat(env.LOG_FORMAT, stdoutIsTty) === 'json') return pino.destination({ dest: 1, sync: true });
  return pretty({
    sync: true,
    colorize: stdoutIsTty && !env.NO_COLOR,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,app,context',
    // Nest's context first, as Nest's own logger shows it.
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
}

const loggers = new Map<string, Logger>();

/** The one logger of this process for `app` (api, worker), made at first use from the environment. */
export function engineLogger(app: string): Logger {
  let logger = loggers.get(app);
  if (!logger) {
    logger = pino(engineLoggerOptions(app), engineLogStream());
    loggers.set(app, logger);
  }
  return logger;
}
