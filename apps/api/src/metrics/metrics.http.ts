import type { FastifyInstance } from 'fastify';
import { Metrics } from '@claimdesk/platform';

/** Records every response's latency under its route template (never the raw URL, which would explode label cardinality). */
export function recordHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
