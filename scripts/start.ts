import { exitOnConfigError, loadConfig } from '@claimdesk/platform';
import { createApi } from '../apps/api/src/create-api';
import { createWorker } from '../apps/worker/src/create-worker';

/**
 * `npm start`: API and worker in one process, no seeding. Both close cleanly on SIGTERM/SIGINT
 * (each enables its shutdown hooks). Run them as separate processes to scale them independently.
 */
async function main(): Promise<void> {
  const config = exitOnConfigError(loadConfig);
  await createWorker(config);
  const api = await createApi(config);
  await api.listen({ port: config.PORT, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `claimdesk failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
