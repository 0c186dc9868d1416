import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthModule, AuthService } from '@claimdesk/auth';
import { JobQueue, QueueMetrics, QueueModule } from '@claimdesk/platform';
import type { FastifyInstance } from 'fastify';
import { mountQueueDashboard } from './queue-dashboard';

/**
 * Operating the queues from the API: the Bull Board dashboard at /admin/queues (admins only) and
 * the queue depth gauge on /metrics. The API only reads and manages queues; the worker runs them.
 */
@Module({
  imports: [QueueModule, AuthModule],
  providers: [QueueMetrics],
})
export class AdminModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly jobs: JobQueue,
    private readonly auth: AuthService,
  ) {}

  /** Runs during `app.init()`, before Fastify is ready, so the plugin loads with the rest. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    mountQueueDashboard(fastify, this.jobs, this.auth);
  }
}
