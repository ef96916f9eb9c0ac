import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApi } from './bootstrap';
import { ApiSettings } from './config/api-settings';

async function main(): Promise<void> {
  const app = await createApi();
  const port = app.get(ApiSettings).port;
  await app.listen(port, '0.0.0.0');
  new Logger('API').log(`listening on :${port}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
