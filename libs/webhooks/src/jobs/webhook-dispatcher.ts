import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobQueue, TransactionService } from '@claimdesk/platform';
import { returnedRows } from '../webhooks.service';

/**
 * The order key of a message within its endpoint: messages about one claim form one chain,
 * delivered oldest event first; a message without a claim (webhook.test) is a chain of its own.
 */
export const CHAIN_KEY = `coalesce(m.claim_id::text, m.id::text)`;

/**
 * Hands due webhook messages to BullMQ. PostgreSQL holds the truth (status, next_attempt_at), so
 * retries, replays and test sends need no delayed jobs: the worker polls every WEBHOOK_POLL_MS,
 * and the fan-out and each finished delivery dispatch at once rather than waiting for the poll.
 *
 * Order per (endpoint, claim): only the head of each chain (its oldest pending message) is ever
 * dispatched, so message N is not sent while an earlier one for the same claim and endpoint is
 * still pending (waiting for a retry included); when the head finishes, delivered or given up, the
 * next one becomes the head and is dispatched straight away.
 *
 * Each dispatch bumps `dispatch_seq` and stamps `dispatched_at`. The job carries the sequence as
 * its ticket, so a job superseded by a later dispatch does nothing, and the job id (message id +
 * ticket) is new each time, which BullMQ's de-duplication needs. `dispatched_at` is a lease: a
 * message whose job was lost (Redis flushed, worker killed) is dispatched again once it expires,
 * or within seconds when WebhookLostJobs sees that Redis no longer has its job.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly jobs: JobQueue,
  ) {}

  /** Longer than a job can wait in the queue plus one delivery takes. */
  get leaseMs(): number {
    return Math.max(120_000, 4 * this.config.WEBHOOK_TIMEOUT_MS);
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      if (this.stopped) return;
      void this.dispatchDue()
        .catch((error: unknown) =>
          this.logger.error(
            `webhook dispatch failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.config.WEBHOOK_POLL_MS);
        });
    };
    this.timer = setTimeout(tick, this.config.WEBHOOK_POLL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Dispatches every chain head that is due and not already on its way; returns how many. */
  dispatchDue(): Promise<number> {
    const run = this.dispatchOnce();
    this.running = run;
    return run;
  }

  private async dispatchOnce(): Promise<number> {
    const dispatched = await this.transactions.run(async (manager) =>
      returnedRows<{ id: string; dispatch_seq: number }>(
        await manager.query(
          `WITH heads AS (
             SELECT DISTINCT ON (m.endpoint_id, ${CHAIN_KEY}) m.id, m.next_attempt_at, m.dispatched_at
               FROM webhook_messages m
              WHERE m.status = 'pending'
              ORDER BY m.endpoint_id, ${CHAIN_KEY}, m.event_id NULLS LAST, m.created_at, m.id
           ), due AS (
             SELECT id FROM heads
              WHERE next_attempt_at <= now()
                AND (dispatched_at IS NULL OR dispatched_at < now() - $1 * interval '1 millisecond')
              LIMIT 500
           )
           UPDATE webhook_messages m
              SET dispatch_seq = m.dispatch_seq + 1, dispatched_at = now()
             FROM due
            WHERE m.id = due.id AND m.status = 'pending'
              AND (m.dispatched_at IS NULL OR m.dispatched_at < now() - $1 * interval '1 millisecond')
           RETURNING m.id, m.dispatch_seq`,
          [this.leaseMs],
        ),
      ),
    );
    if (dispatched.length) {
      // Enqueued after the commit: if this fails, the lease expires and a later poll dispatches again.
      await this.jobs.addBulk(
        dispatched.map((row) => ({
          name: 'webhooks.deliver' as const,
          payload: { deliveryId: row.id, ticket: row.dispatch_seq },
        })),
      );
    }
    return dispatched.length;
  }
}
