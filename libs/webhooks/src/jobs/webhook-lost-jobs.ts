import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, jobId, PeriodicTask, QueueName, TransactionService } from '@claimdesk/platform';
import { returnedRows } from '../webhooks.service';
import { WebhookDispatcher } from './webhook-dispatcher';

/** How old a dispatch must be before its job is looked for, and how often: enqueueing follows the commit within it. */
export const LOST_JOB_CHECK_MS = 5_000;
const BATCH = 200;

/**
 * Finds leased messages whose batch's `webhooks.deliver` job Redis no longer has (Redis restarted empty, or
 * a worker died between its dispatch commit and the enqueue) and releases their lease, so the
 * dispatcher sends them again within seconds instead of after its lease (see WebhookDispatcher).
 * A job Redis still holds (waiting, running, held by a dead worker until the stalled check frees
 * it, failed for good) keeps its lease: that is the case the lease itself is for.
 */
@Injectable()
export class WebhookLostJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookLostJobs.name);
  private readonly task = new PeriodicTask(
    this.logger,
    'looking for lost webhook jobs',
    LOST_JOB_CHECK_MS,
    () => this.recover(),
  );

  constructor(
    private readonly transactions: TransactionService,
    private readonly jobs: JobQueue,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Releases the leases of messages whose batch's job is gone and dispatches them again; returns how many. */
  async recover(): Promise<number> {
    const leased = returnedRows<{ batch: string }>(
      await this.transactions.manager.query(
        `SELECT DISTINCT dispatch_batch::text AS batch FROM webhook_messages
          WHERE status = 'pending' AND dispatched_at < now() - $1 * interval '1 millisecond'
            AND dispatch_batch IS NOT NULL
          LIMIT $2`,
        [LOST_JOB_CHECK_MS, BATCH],
      ),
    );
    if (!leased.length) return 0;
    const queue = this.jobs.queue(QueueName.WebhookDeliveries);
    const states = await Promise.all(
      leased.map((row) =>
        queue.getJobState(jobId('webhooks.deliver', { batch: row.batch, deliveryIds: [] })),
      ),
    );
    const lost = leased.filter((_, index) => states[index] === 'unknown').map((row) => row.batch);
    if (!lost.length) return 0;
    const released = returnedRows<{ id: string }>(
      await this.transactions.manager.query(
        `UPDATE webhook_messages SET dispatched_at = NULL
          WHERE dispatch_batch = ANY($1::bigint[]) AND status = 'pending' AND dispatched_at IS NOT NULL
          RETURNING id`,
        [lost],
      ),
    );
    this.logger.warn(
      `${released.length} webhook deliveries in ${lost.length} batches had lost their job; dispatching them again`,
    );
    await this.dispatcher.dispatchDue();
    return released.length;
  }
}
