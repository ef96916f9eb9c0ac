import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { EngineStorageModule, IdentityModule, IdentityService, SendsNoEmailModule } from '@pact/engine';
import { Module } from '@nestjs/common';
import { parseArgs } from 'node:util';

// Storage only (no Redis): a committee member is not welcomed, so nothing is sent.
@Module({ imports: [EngineStorageModule, SendsNoEmailModule, IdentityModule] })
class BootstrapModule {}

/**
 * Creates the first steering-committee member and prints their API token (shown once).
 * Refuses when a committee member exists: from then on, users and tokens are made through
 * the API by the committee.
 *
 *   npm run bootstrap -- --name "Maria Rossi" --email maria.rossi@pact.example.eu [--json]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, email: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (!values.name || !values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
    console.error('usage: npm run bootstrap -- --name "Full Name" --email name@example.org [--json]');
    process.exit(2);
  }
  const app = await NestFactory.createApplicationContext(BootstrapModule, { logger: ['error'] });
  try {
    const { user, token } = await app.get(IdentityService).bootstrapCommittee(values.name, values.email, 'every-programme');
    if (values.json) {
      console.log(JSON.stringify({ userId: user.id, email: user.email, token: token.token, expiresAt: token.expiresAt }));
    } else {
      console.log(`Committee member ${user.name} <${user.email}> created (id ${user.id}).`);
      console.log(`API token (shown once, expires ${token.expiresAt.toISOString().slice(0, 10)}):\n\n  ${token.token}\n`);
      console.log('Use it as:  Authorization: Bearer <token>');
    }
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
