import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { engineLogger } from './engine-logger';
import { scrubText } from './log-redaction';
import { requestId } from './request-id';

// Probes and scrapes come every few seconds; a line each would bury the requests people make.
const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * nestjs-pino for a process: its Logger replaces Nest's (bootstrap: app.useLogger), so every
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
        LoggerModule.forRoot({
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
      ],
      exports: [LoggerModule],
    };
  }
}
