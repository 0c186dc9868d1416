import { exitOnConfigError, loadConfig } from '@claimdesk/platform';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = exitOnConfigError(loadConfig);
  const app = await createApi(config);
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
}

void main();
