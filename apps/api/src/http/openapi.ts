import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { OPENAPI_PUBLIC } from '../auth/auth.decorators';
import { PROBLEM_EXTENSION, problemDescription, ProblemDetails } from './problem-details';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ApiModule } from '../api.module';
import { CalendarFeedHttpModule } from '../notifications/calendar-feed-http.module';
import { API_HTTP_MODULES, API_PREFIX } from './api-routes';
import { TEXT_RULE_SCHEMAS } from './validation';
import { EngineSettings } from '@pact/engine';

/**
 * The OpenAPI document at /api/docs (UI) and /api/docs-json, next to the API it describes. It
 * covers the JSON API under /api, /health and the calendar feed, never the people's pages. Request schemas are generated from the
 * class-validator decorators themselves, so the documented constraints (lengths, patterns,
 * enums, ranges) are exactly the ones enforced: there is no second description to drift.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Pact monitoring engine')
    .setDescription(
      'Monitoring cycles for networks of public bodies: the steering committee triggers cycles and grants extensions, chairs receive report requests and submit, operators watch the queues. Every request under /api needs a bearer token; /health and the calendar feed (its token is in the URL) do not. People use the pages at the site\'s root instead.',
    )
    .setVersion('0.1.0')
    // Paths in this document are absolute (/api/…, /health, /calendar/…): the server is the site's root.
    .addServer(app.get(EngineSettings).publicUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (pact_…), issued by the committee' })
    .addSecurityRequirements('bearer')
    .build();
  // ApiModule contributes only its own controller (/health); pages are in modules not listed here.
  const document = SwaggerModule.createDocument(app, config, { include: [ApiModule, ...API_HTTP_MODULES, CalendarFeedHttpModule] });
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: TEXT_RULE_SCHEMAS,
  });
  const all = { ...(document.components?.schemas ?? {}), ...(schemas as Record<string, object>) };
  documentCommonProblems(document);
  // Last, once every operation's answers are in: only the schemas they use.
  document.components = { ...document.components, schemas: referencedFrom(document.paths, all) };
  SwaggerModule.setup(`${API_PREFIX.slice(1)}/docs`, app, document, { jsonDocumentUrl: `${API_PREFIX.slice(1)}/docs-json`, customSiteTitle: 'Pact monitoring engine API' });
}

/**
 * Error answers every operation shares, added once here rather than on each handler: 401 and
 * 429 (failed or too many requests) for every operation that needs a token, 400, 413 and 415 for
 * every one with a JSON body, 503 for all (a store not answering). Operations' own answers (400
 * for their query, 403, 404, 409) are declared on the handlers with @ApiProblems.
 */
function documentCommonProblems(document: OpenAPIObject): void {
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetails) } } } });
  for (const [path, item] of Object.entries(document.paths)) {
    // Readiness answers 503 with its own body (which store is down), not a Problem Details document.
    const ownBody = path === '/health';
    for (const op of Object.values(item) as OperationObject[]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const extensions = op as unknown as Record<string, unknown>;
      const isPublic = extensions[OPENAPI_PUBLIC] === true;
      delete extensions[OPENAPI_PUBLIC];
      const add = (status: number, description: string) => (op.responses[status] ??= problem(description));
      for (const key of Object.keys(extensions)) {
        const own = key.match(PROBLEM_EXTENSION);
        if (!own) continue;
        add(Number(own[1]), problemDescription(Number(own[1])));
        delete extensions[key];
      }
      if (isPublic) op.security = [];
      else {
        add(401, 'no valid API token');
        add(429, 'too many requests, or too many failed authentications from this address; see Retry-After');
      }
      if (op.requestBody) {
        add(400, 'bad input: each problem names its field; nothing was changed');
        add(413, 'the body is larger than BODY_LIMIT');
        add(415, 'the body is not JSON');
      }
      if (ownBody) continue;
      add(503, 'a store is not answering; see Retry-After');
      // Error answers declared with a description only (e.g. the PDF's 503) are Problem Details too.
      for (const [status, response] of Object.entries(op.responses)) {
        const r = response as { description: string; content?: unknown };
        if (Number(status) >= 400 && !r.content) op.responses[status] = problem(r.description);
      }
    }
  }
}

/**
 * Only the schemas the operations use, and what those use in turn. class-validator's metadata
 * holds every validated class of the process, the engine's own environment and configuration
 * schemas included; their names and rules are nobody's business outside it.
 */
export function referencedFrom(root: unknown, schemas: Record<string, object>): Record<string, object> {
  const PREFIX = '#/components/schemas/';
  const kept: Record<string, object> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(PREFIX)) {
        const name = value.slice(PREFIX.length);
        if (!(name in kept) && name in schemas) {
          kept[name] = schemas[name];
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(root);
  return kept;
}
