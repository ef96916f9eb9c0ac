import { DynamicModule, LoggerService, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, LoggerModule, PinoLogger } from 'nestjs-pino';
import { engineLogger } from './engine-logger';
import { scrubText } from './log-redaction';
import { requestId } from './request-id';

// Probes and scrapes come every few seconds; a line each would bury the requests people make.
const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * nestjs-pino for a process: its Logger is Nest's (bootstrap: nestLogger, below), so every
 * `new Logger(X.name)` line becomes a JSON line with X as its context. In the API, pino-http
 * gives each request an id (request-id.ts) carried by every line logged while it is served
 * (requestId) and one line when it is answered (method, path scrubbed of tokens, status, time).
 */
@Module({})
export class LogsModule {
  static forRoot(app: string): DynamicModule {
    return {
      module: LogsModule,
      imports: [
        // A factory: the logger (and LOG_FORMAT's check) is made when the application is, not when this file is loaded.
        LoggerModule.forRootAsync({
          useFactory: () => ({
            pinoHttp: {
              logger: engineLogger(app),
              genReqId: requestId,
              quietReqLogger: true,
              customAttributeKeys: { reqId: 'requestId' },
              autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
              customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
                err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
              // No headers: cookies, authorization and set-cookie never reach a line.
              serializers: {
                req: (req: { method?: string; url?: string }) => ({ method: req.method, url: scrubText(req.url ?? '') }),
                res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
              },
            },
          }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}

/**
 * Nest's logger for NestFactory.create / createApplicationContext: nestjs-pino's Logger over
 * this process's pino logger, made before the application so that its first lines (and those
 * of a start that hangs on a store) are written at once, not buffered. Inside a request or a
 * job it writes with that request's or job's logger (nestjs-pino's async context).
 */
export function nestLogger(app: string): LoggerService {
  const params = { pinoHttp: { logger: engineLogger(app) } };
  return new Logger(new PinoLogger(params), params);
}
