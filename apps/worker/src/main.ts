import { exitOnConfigError, loadConfig } from '@claimdesk/platform';
import { Logger } from 'nestjs-pino';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = exitOnConfigError(loadConfig);
  const worker = await createWorker(config);
  worker.get(Logger).log('worker started', 'Worker');
}

void main();
