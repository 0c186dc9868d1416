import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { AuthService } from '@claimdesk/auth';
import { JobQueue, QUEUE_NAMES } from '@claimdesk/platform';
import type { FastifyInstance } from 'fastify';
import { adminOnly } from './admin-access';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Mounts Bull Board (every queue of the registry) at /admin/queues, inside its own encapsulated
 * Fastify context whose `onRequest` hook admits admins only: the hook covers the page, its static
 * assets and its JSON API, and nothing outside the prefix.
 */
export function mountQueueDashboard(fastify: FastifyInstance, jobs: JobQueue, auth: AuthService): void {
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(jobs.queue(name))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'claimdesk queues' } },
  });
  void fastify.register(
    async (scope) => {
      scope.addHook('onRequest', adminOnly(auth, QUEUE_DASHBOARD_PATH));
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
