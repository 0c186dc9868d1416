import { exitOnConfigError, loadConfig } from '@claimdesk/platform';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = exitOnConfigError(loadConfig);
  const app = await createApi(config);
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  process.stderr.write(`api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
