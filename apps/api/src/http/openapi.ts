import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

/**
 * The OpenAPI document at /docs (UI) and /docs-json. Request schemas are generated from the
 * class-validator decorators themselves, so the documented constraints (lengths, patterns,
 * enums, ranges) are exactly the ones enforced: there is no second description to drift.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Pact monitoring engine')
    .setDescription(
      'Monitoring cycles for networks of public bodies: the steering committee triggers cycles and grants extensions, chairs receive report requests and submit, operators watch the queues. Every request except /health needs a bearer token.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (pact_…), issued by the committee' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage });
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...(schemas as Record<string, object>) } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'Pact monitoring engine API' });
}
