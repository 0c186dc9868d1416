import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DASHBOARD_PATH = '/app';

/**
 * Serves the built review dashboard at /app (C4): its files as they are, and index.html for every
 * other path under /app, so the browser's router handles deep links. Nothing is served when the
 * dashboard was not built. The dashboard signs in like any client: the files need no credentials.
 */
export async function serveDashboard(fastify: FastifyInstance, dir: string): Promise<boolean> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) return false;
  await fastify.register(async (scope) => {
    // decorateReply: false, since Swagger UI's own @fastify/static already decorates the reply.
    await scope.register(fastifyStatic, {
      root,
      prefix: `${DASHBOARD_PATH}/`,
      wildcard: false,
      index: false,
      decorateReply: false,
      cacheControl: false,
      setHeaders: (response, path) => {
        // Built assets carry a content hash in their name; index.html must always be fetched fresh.
        response.header(
          'cache-control',
          path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    const html = readFileSync(join(root, 'index.html'));
    const page = (reply: FastifyReply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    scope.get(DASHBOARD_PATH, (_request, reply) => reply.redirect(`${DASHBOARD_PATH}/`, 302));
    scope.get(`${DASHBOARD_PATH}/`, (_request, reply) => page(reply));
    scope.get(`${DASHBOARD_PATH}/*`, (request, reply) => {
      // A missing asset is a 404, not the page: only the app's own routes fall back to index.html.
      if (/\/assets\/|\.[a-z0-9]{2,5}$/i.test(request.url.split('?')[0])) return reply.callNotFound();
      return page(reply);
    });
  });
  return true;
}
