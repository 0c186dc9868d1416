import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { assertJobHandlers, FoundJobHandler, JOB_HANDLER } from './job-handlers';
import {
  EventJobName,
  EventJobPayload,
  JOB_DEFINITIONS,
  JOB_NAMES,
  JobName,
  QueueName,
} from './job-registry';
import { OutboxReceipts } from './outbox-receipts';
import { bullConnection } from './queue.module';

type BoundHandler = FoundJobHandler & { run: (payload: unknown, job: Job) => Promise<unknown> };

/**
 * How fast a job held by a dead worker (SIGKILL, lost host) runs again. A worker renews each
 * running job's lock every JOB_LOCK_MS / 2, so a dead worker's locks lapse within JOB_LOCK_MS. Every
 * JOB_STALLED_CHECK_MS (and at once when a worker starts) one worker's stalled check notes the
 * active jobs and moves back to waiting those it noted last time whose lock has lapsed: a killed
 * worker's jobs run again within about JOB_LOCK_MS + JOB_STALLED_CHECK_MS (10 s) of the kill,
 * where BullMQ's defaults (30 s + 30 s) took a minute. A shorter lock would take a worker whose
 * event loop stalls for JOB_LOCK_MS / 2 (a busy machine) for dead and run its jobs twice: every
 * handler tolerates that, but a webhook would be sent twice.
 */
export const JOB_LOCK_MS = 8_000;
export const JOB_STALLED_CHECK_MS = 2_000;
/** A job found stalled this often fails; three deaths of its worker, not BullMQ's one, before it does. */
const MAX_STALLED = 3;

/**
 * Finds every `@OnJob` handler, refuses to start unless each job name has exactly one, then runs
 * one BullMQ worker per queue that has jobs, dispatching by job name. On shutdown the workers stop
 * taking jobs and wait for the running ones to finish.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly metrics: Metrics,
    private readonly receipts: OutboxReceipts,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = this.findHandlers();
    assertJobHandlers(handlers);
    const byName = new Map(handlers.map((handler) => [handler.name as JobName, handler]));
    const queues = new Set<QueueName>(JOB_NAMES.map((name) => JOB_DEFINITIONS[name].queue));
    for (const queue of queues) {
      const worker = new Worker(queue, (job) => this.process(byName, job), {
        connection: bullConnection(this.config),
        prefix: this.config.QUEUE_PREFIX,
        // Webhook deliveries wait on receivers, and fan-out jobs on the pass that takes their event,
        // far more than on PostgreSQL: they get their own number.
        concurrency:
          queue === QueueName.Webhooks || queue === QueueName.WebhookDeliveries
            ? this.config.WEBHOOK_CONCURRENCY
            : this.config.WORKER_CONCURRENCY,
        lockDuration: JOB_LOCK_MS,
        stalledInterval: JOB_STALLED_CHECK_MS,
        maxStalledCount: MAX_STALLED,
      });
      // Without a listener an 'error' event would crash the process; BullMQ reconnects by itself.
      worker.on('error', (error) => this.logger.error(`queue ${queue}: ${error.message}`));
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
        ),
      );
      this.workers.push(worker);
    }
    this.logger.log(`processing ${[...queues].join(', ')} with handlers for ${JOB_NAMES.join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
  }

  private async process(handlers: ReadonlyMap<JobName, BoundHandler>, job: Job): Promise<unknown> {
    const handler = handlers.get(job.name as JobName);
    // A job name the registry does not know was enqueued by a different version; retrying won't help.
    if (!handler) throw new UnrecoverableError(`no handler for job "${job.name}"`);
    const stop = this.metrics.jobDuration.startTimer({ job: job.name });
    try {
      const result = await handler.run(job.data, job);
      // If this fails the job fails and runs again, which every outbox handler tolerates.
      if (JOB_DEFINITIONS[job.name as JobName].fromOutbox) {
        await this.receipts.record((job.data as EventJobPayload).eventId, job.name as EventJobName);
      }
      stop({ outcome: 'completed' });
      return result;
    } catch (error) {
      stop({ outcome: 'failed' });
      throw error;
    }
  }

  private findHandlers(): BoundHandler[] {
    const found: BoundHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      if (!prototype) continue;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, fn);
        if (name === undefined) continue;
        found.push({
          name,
          owner: `${instance.constructor.name}.${method}`,
          run: (payload, job) =>
            (fn as (p: unknown, j: Job) => Promise<unknown>).call(instance, payload, job),
        });
      }
    }
    return found;
  }
}
