import type { FastifyInstance, FastifyReply } from 'fastify';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

export const DASHBOARD_PATH = '/app';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built review dashboard at /app (C4): its files as they are, and index.html for every
 * other path under /app, so the browser's router handles deep links. Nothing is served when the
 * dashboard was not built. Files are looked up per request, so a rebuild is served without a
 * restart. The dashboard signs in like any client: its files need no credentials.
 */
export async function serveDashboard(fastify: FastifyInstance, dir: string): Promise<boolean> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) return false;
  const page = async (reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await readFile(join(root, 'index.html')));

  fastify.get(DASHBOARD_PATH, (_request, reply) => reply.redirect(`${DASHBOARD_PATH}/`, 302));
  fastify.get(`${DASHBOARD_PATH}/*`, async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0].slice(DASHBOARD_PATH.length + 1));
    if (!path) return page(reply);
    const file = resolve(root, path);
    const inside = file.startsWith(root + sep);
    if (inside && existsSync(file) && statSync(file).isFile()) {
      // Built assets carry a content hash in their name; everything else is checked on every load.
      const immutable = file.startsWith(join(root, 'assets') + sep);
      return reply
        .type(TYPES[extname(file)] ?? 'application/octet-stream')
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(createReadStream(file));
    }
    // A missing file is a 404, not the page: only the app's own routes fall back to index.html.
    if (!inside || /\.[a-z0-9]{1,5}$/i.test(path) || path.startsWith('assets/')) return reply.callNotFound();
    return page(reply);
  });
  return true;
}
