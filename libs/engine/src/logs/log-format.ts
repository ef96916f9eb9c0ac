import type { Level } from 'pino';

export type LogFormat = 'json' | 'pretty';

/**
 * LOG_FORMAT: `json` (one JSON object a line, for a log system) or `pretty` (for a person at a
 * terminal). Unset: pretty when the process writes to a terminal, JSON otherwise, so a process
 * whose output goes to a file or a collector (npm start's and the demo's log files, a
 * container) writes JSON lines without being told.
 */
export function logFormat(value: string | undefined, stdoutIsTty: boolean): LogFormat {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'json' || v === 'pretty') return v;
  if (v !== '') throw new Error(`LOG_FORMAT must be json or pretty, not "${value}"`);
  return stdoutIsTty ? 'pretty' : 'json';
}

// LOG_LEVEL keeps Nest's names (docs/configuration.md); pino calls Nest's `log` info and `verbose` trace.
const PINO_LEVEL: Record<string, Level> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/** The pino level for a LOG_LEVEL (default and unknown: log, as logLevels does). */
export function pinoLevel(level: string | undefined): Level {
  return PINO_LEVEL[level ?? 'log'] ?? 'info';
}
