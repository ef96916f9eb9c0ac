import type { LogLevel } from '@nestjs/common';

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest log levels up to and including `level` (default: log). */
export function logLevels(level: string | undefined): LogLevel[] {
  const i = ORDER.indexOf((level ?? 'log') as LogLevel);
  return ORDER.slice(0, i < 0 ? 4 : i + 1);
}
