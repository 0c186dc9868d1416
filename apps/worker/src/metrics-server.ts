import { Metrics } from '@claimdesk/platform';
import { createServer, Server } from 'node:http';

/**
 * The worker has no HTTP API; when WORKER_METRICS_PORT is set it serves GET /metrics (job
 * durations, webhook outcomes, process metrics) for Prometheus on that port, and nothing else.
 */
export async function serveWorkerMetrics(metrics: Metrics, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.registry
      .metrics()
      .then((body) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body))
      .catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', resolve);
  });
  return server;
}
