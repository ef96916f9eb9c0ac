import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { inLanguage, LANGUAGES } from '@pact/domain';
import { PACT_CONFIG, PactConfig } from '@pact/engine';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { API_PREFIX } from './api-paths';

/**
 * The language a JSON API caller reads texts from configuration in (a working group's name, a
 * milestone's title, an indicator's name…): the first supported language of its Accept-Language
 * header, else the programme's fallback language. Every answer says which (Content-Language).
 */
export function apiLanguage(req: Request, fallback: string): string {
  const accepted = req.headers['accept-language'] ? req.acceptsLanguages([...LANGUAGES]) : false;
  return typeof accepted === 'string' ? accepted : fallback;
}

/**
 * Puts every text from configuration in a JSON answer of the API into the caller's language, in
 * one place, so no controller can answer a text with wordings per language as it is stored.
 * (A published report version's JSON is sent as frozen, with every wording.)
 */
@Injectable()
export class ApiLanguageInterceptor implements NestInterceptor {
  constructor(@Inject(PACT_CONFIG) private readonly pact: PactConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (!req?.path?.startsWith(API_PREFIX)) return next.handle();
    const language = apiLanguage(req, this.pact.languages.fallback);
    const res = http.getResponse<Response>();
    res.setHeader('Content-Language', language);
    res.vary('Accept-Language');
    return next
      .handle()
      .pipe(
        map((body) => (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) ? inLanguage(body, language, this.pact.languages.fallback) : body)),
      );
  }
}
