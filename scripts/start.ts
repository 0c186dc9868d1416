import { exitOnConfigError, loadConfig } from '@claimdesk/platform';
import { createApi } from '../apps/api/src/create-api';
import { createWorker } from '../apps/worker/src/create-worker';

/** `npm start`: API and worker in one process, no seeding. Run them as separate processes to scale. */
async function main(): Promise<void> {
  const config = exitOnConfigError(loadConfig);
  const worker = await createWorker(config);
  const api = await createApi(config);
  await api.listen({ port: config.PORT, host: '0.0.0.0' });
  process.once('SIGTERM', () => void worker.close());
}

void main();
