import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { drainOnSignals, EngineSettings } from '@pact/engine';
import { createApi } from './bootstrap';
import { ApiSettings } from './config/api-settings';
import { httpDrain } from './http/http-drain';

async function main(): Promise<void> {
  const app = await createApi();
  const port = app.get(ApiSettings).port;
  const drainRequests = httpDrain(app.getHttpServer());
  await app.listen(port, '0.0.0.0');
  // SIGTERM: stop accepting, answer the requests in flight, then close the stores' clients.
  drainOnSignals(app, { timeoutMs: app.get(EngineSettings).shutdownTimeoutMs, drain: drainRequests });
  new Logger('API').log(`listening on :${port}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
