import { exitOnConfigError, loadConfig, Metrics } from '@claimdesk/platform';
import { Logger } from 'nestjs-pino';
import { createWorker } from './create-worker';
import { serveWorkerMetrics } from './metrics-server';

async function main(): Promise<void> {
  const config = exitOnConfigError(loadConfig);
  const worker = await createWorker(config);
  if (config.WORKER_METRICS_PORT) {
    const server = await serveWorkerMetrics(worker.get(Metrics), config.WORKER_METRICS_PORT);
    process.once('SIGTERM', () => server.close());
  }
  worker.get(Logger).log('worker started', 'Worker');
}

main().catch((error: unknown) => {
  // One line for operators (for example a job without a handler); the stack only when it helps.
  process.stderr.write(`worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
