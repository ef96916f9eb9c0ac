import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ApiProperty, DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { OPENAPI_PUBLIC } from '../auth/auth.decorators';
import { PROBLEM_EXTENSION, problemDescription, ProblemDetails } from './problem-details';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ApiModule } from '../api.module';
import { CalendarFeedHttpModule } from '../notifications/calendar-feed-http.module';
import { API_HTTP_MODULES, API_PREFIX } from './api-routes';
import { DATE_RULE_SCHEMAS, TEXT_RULE_SCHEMAS } from './validation';
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
      "Monitoring cycles for networks of public bodies: the steering committee triggers cycles and grants extensions, chairs receive report requests and submit, operators watch the queues. Every request under /api needs a bearer token; /health and the calendar feed (its token is in the URL) do not. People use the pages at the site's root instead.",
    )
    .setVersion('0.1.0')
    // Paths in this document are absolute (/api/…, /health, /calendar/…): the server is the site's root.
    .addServer(app.get(EngineSettings).publicUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (pact_…), issued by the committee' })
    .addSecurityRequirements('bearer')
    .build();
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: { ...TEXT_RULE_SCHEMAS, ...DATE_RULE_SCHEMAS },
  });
  const documented = [ApiModule, ...API_HTTP_MODULES, CalendarFeedHttpModule];
  describeQueryParameters(documented, schemas as Record<string, JsonSchema>);
  // ApiModule contributes only its own controller (/health); pages are in modules not listed here.
  const document = SwaggerModule.createDocument(app, config, { include: documented });
  const all = { ...(document.components?.schemas ?? {}), ...(schemas as Record<string, object>) };
  documentCommonProblems(document);
  // Last, once every operation's answers are in: only the schemas they use.
  document.components = { ...document.components, schemas: referencedFrom(document.paths, all) };
  SwaggerModule.setup(`${API_PREFIX.slice(1)}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX.slice(1)}/docs-json`,
    customSiteTitle: 'Pact monitoring engine API',
  });
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
}

type Constructor = new (...args: never[]) => object;

/** An operation of the documented modules whose query is a DTO (`@Query() q: SomeQuery`), by its OpenAPI operation id. */
export interface QueryOperation {
  operationId: string;
  dto: Constructor;
}

/**
 * Every controller method of `modules` (and the modules they import) that takes its whole query
 * as a DTO. Read from Nest's own route metadata, so a new endpoint with a query is found without
 * being listed anywhere. The operation id is @nestjs/swagger's default: `<Controller>_<method>`.
 */
export function queryOperations(modules: unknown[]): QueryOperation[] {
  const found: QueryOperation[] = [];
  const seen = new Set<unknown>();
  const visit = (m: unknown): void => {
    const module = (m as { module?: unknown })?.module ?? m;
    if (!module || seen.has(module)) return;
    seen.add(module);
    for (const imported of (Reflect.getMetadata('imports', module as object) ?? []) as unknown[]) visit(imported);
    for (const controller of (Reflect.getMetadata('controllers', module as object) ?? []) as Constructor[]) {
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
        for (const [key, arg] of Object.entries(args)) {
          if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY || arg.data !== undefined) continue;
          const dto = types[arg.index];
          if (typeof dto === 'function' && dto !== Object) found.push({ operationId: `${controller.name}_${method}`, dto: dto as Constructor });
        }
      }
    }
  };
  modules.forEach(visit);
  return found;
}

/** JSON-schema keywords a query parameter's schema keeps (the rest belongs to bodies). */
const PARAMETER_KEYWORDS = ['type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'format', 'items', 'description'];

/**
 * The query DTOs' fields as OpenAPI query parameters. @nestjs/swagger expands a @Query() DTO
 * into parameters only from its own @ApiProperty metadata, which our DTOs do not carry (their
 * rules are class-validator's); the metadata is written here from the same class-validator
 * rules (their JSON schemas), so a generated client can send every filter, with the rules that
 * apply to it.
 */
function describeQueryParameters(modules: unknown[], schemas: Record<string, JsonSchema>): void {
  const done = new Set<Constructor>();
  for (const { dto } of queryOperations(modules)) {
    if (done.has(dto)) continue;
    done.add(dto);
    const schema = schemas[dto.name];
    for (const [name, property] of Object.entries(schema?.properties ?? {})) {
      const options = Object.fromEntries(PARAMETER_KEYWORDS.filter((k) => property[k] !== undefined).map((k) => [k, property[k]]));
      ApiProperty({ ...options, required: schema.required?.includes(name) ?? false })(dto.prototype, name);
    }
  }
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
    // The probes answer 503 with their own body (what is down), not a Problem Details document.
    const ownBody = path === '/health' || path.startsWith('/health/');
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
