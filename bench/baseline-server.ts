import Fastify from 'fastify';

/**
 * The bare baseline: Fastify on the same machine answering each benchmarked route with the same
 * bytes the real API returned, straight from memory. The gap between it and claimdesk is what our
 * own stack (auth, validation, PostgreSQL, serialisation) costs per request.
 */
const bodies = new Map<string, string>(JSON.parse(process.env.BASELINE_BODIES ?? '[]') as [string, string][]);
const app = Fastify({ logger: false });
app.get('/*', async (request, reply) => {
  const body = bodies.get(request.url);
  if (body === undefined) return reply.code(404).send({ status: 404 });
  return reply.type('application/json; charset=utf-8').send(body);
});
app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).then((address) => {
  process.stdout.write(`listening ${address}\n`);
});
