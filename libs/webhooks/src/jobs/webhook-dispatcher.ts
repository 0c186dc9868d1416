import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobQueue, preparedQuery, TransactionService } from '@claimdesk/platform';
import { EntityManager } from 'typeorm';
import { returnedRows } from '../webhooks.service';

/**
 * The order key of a message within its endpoint: messages about one claim form one chain,
 * delivered oldest event first; a message without a claim (webhook.test) is a chain of its own.
 */
export const CHAIN_KEY = `coalesce(m.claim_id::text, m.id::text)`;

/** Messages per `webhooks.deliver` job: one load and one Redis job for this many deliveries. */
export const DELIVERY_BATCH = 100;

/**
 * Hands due webhook messages to BullMQ. PostgreSQL holds the truth (status, next_attempt_at), so
 * retries, replays and test sends need no delayed jobs: the worker polls every WEBHOOK_POLL_MS,
 * and the fan-out and each recorded batch of results dispatch at once rather than waiting for the poll.
 *
 * Order per (endpoint, claim): only the head of each chain (its oldest pending message) is ever
 * dispatched, so message N is not sent while an earlier one for the same claim and endpoint is
 * still pending (waiting for a retry included); when the head finishes, delivered or given up, the
 * next one becomes the head and is dispatched straight away, by the statement that finished it.
 * Only the chains that moved are looked at, so the cost of a dispatch does not grow with the backlog.
 *
 * A dispatch statement leases the heads it found in batches of up to DELIVERY_BATCH: each message
 * gets `dispatched_at`, a bumped `dispatch_seq` and its batch's number from the
 * webhook_dispatch_batches sequence (`dispatch_batch`), and each batch becomes one job. The batch
 * number is the job's ticket and its id: the job only touches messages whose latest dispatch is
 * still its batch, so a job superseded by a later dispatch (or run twice) does nothing to them, and
 * every dispatch makes a new job id, which BullMQ's de-duplication needs. `dispatched_at` is a
 * lease: a message whose job was lost (Redis flushed, worker killed) is dispatched again once it
 * expires, or within seconds when WebhookLostJobs sees that Redis no longer has its batch's job.
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
    // Walks the due index (not every pending message): a message is a chain head when no
    // earlier message of its (endpoint, claim) is pending. Chains that just moved are dispatched
    // by the fan-out and the recorded results themselves (dispatchChains); this poll is for
    // retries that came due, expired leases and test sends.
    const dispatched = returnedRows<DispatchedRow>(
      await this.transactions.manager.query(
        `WITH heads AS (
           SELECT m.id FROM webhook_messages m
            WHERE m.status = 'pending' AND m.next_attempt_at <= now()
              AND (m.dispatched_at IS NULL OR m.dispatched_at < now() - $1 * interval '1 millisecond')
              AND NOT EXISTS (${EARLIER_PENDING})
            ORDER BY m.next_attempt_at
            LIMIT 500
         ), ${dispatchHeads('$1')}
         SELECT id, batch FROM dispatched`,
        [this.leaseMs],
      ),
    );
    await this.enqueue(dispatched);
    return dispatched.length;
  }

  /**
   * Dispatches the head of each given chain if it is due and free, in one statement on `manager`
   * (the caller's transaction, or a plain connection). Returns the rows to hand to `enqueue` after
   * the caller's commit.
   */
  async dispatchChains(manager: EntityManager, chains: readonly Chain[]): Promise<DispatchedRow[]> {
    if (!chains.length) return [];
    return preparedQuery<DispatchedRow>(manager, 'webhook-dispatch-chains', DISPATCH_CHAINS_SQL, [
      chains.map((chain) => chain.endpointId),
      chains.map((chain) => chain.key),
      this.leaseMs,
    ]);
  }

  /** Enqueues dispatched messages, one job per batch, after the commit that dispatched them: if this fails, the lease expires and a later poll dispatches again. */
  async enqueue(dispatched: readonly DispatchedRow[]): Promise<void> {
    if (!dispatched.length) return;
    const batches = new Map<string, string[]>();
    for (const row of dispatched) batches.set(row.batch, [...(batches.get(row.batch) ?? []), row.id]);
    await this.jobs.addBulk(
      [...batches].map(([batch, deliveryIds]) => ({
        name: 'webhooks.deliver' as const,
        payload: { batch, deliveryIds },
      })),
    );
  }
}

/** One (endpoint, claim) chain: `key` is CHAIN_KEY's value (the claim id, or the message id without a claim). */
export interface Chain {
  endpointId: string;
  key: string;
}

export interface DispatchedRow {
  id: string;
  /** The dispatch batch (webhook_dispatch_batches), as text: a bigint. */
  batch: string;
}

/** Whether an earlier message of m's chain is still pending (claim chains order by event id). */
export const EARLIER_PENDING = `SELECT 1 FROM webhook_messages e
  WHERE e.status = 'pending' AND e.endpoint_id = m.endpoint_id AND m.claim_id IS NOT NULL
    AND coalesce(e.claim_id::text, e.id::text) = m.claim_id::text AND e.event_id < m.event_id`;

/**
 * `heads`: the pending head of each chain of `chains` (a FROM item with columns endpoint_id and
 * key), not counting the messages in the uuid array `skip` (finished by the same statement, whose
 * update it cannot see). Each is one descent of webhook_messages_pending_idx.
 */
export function chainHeads(chains: string, skip: string): string {
  return `heads AS (
  SELECT h.id FROM ${chains}
  CROSS JOIN LATERAL (
    SELECT e.id FROM webhook_messages e
     WHERE e.status = 'pending' AND e.endpoint_id = chain.endpoint_id
       AND coalesce(e.claim_id::text, e.id::text) = chain.key AND NOT (e.id = ANY(${skip}))
     ORDER BY e.endpoint_id, coalesce(e.claim_id::text, e.id::text), e.event_id NULLS LAST, e.created_at, e.id
     LIMIT 1) h
)`;
}

/**
 * `dispatched`: leases the `heads` that are due and not leased (`lease`: the lease in ms), in
 * batches of DELIVERY_BATCH, each numbered once from webhook_dispatch_batches (a CTE with a
 * volatile function is computed once, not inlined). Returns (id, batch).
 */
export function dispatchHeads(lease: string): string {
  const free = `m.next_attempt_at <= now()
     AND (m.dispatched_at IS NULL OR m.dispatched_at < now() - ${lease} * interval '1 millisecond')`;
  return `ready AS (
  SELECT m.id, (row_number() OVER () - 1) / ${DELIVERY_BATCH} AS chunk
    FROM heads JOIN webhook_messages m ON m.id = heads.id
   WHERE ${free}
), batches AS (
  SELECT chunk, nextval('webhook_dispatch_batches') AS batch FROM ready GROUP BY chunk
), dispatched AS (
  UPDATE webhook_messages m
     SET dispatch_seq = m.dispatch_seq + 1, dispatched_at = now(), dispatch_batch = batches.batch
    FROM ready JOIN batches USING (chunk)
   WHERE m.id = ready.id AND m.status = 'pending' AND ${free}
  RETURNING m.id, m.dispatch_batch::text AS batch
)`;
}

/** dispatchChains' statement: $1 and $2 the chains' endpoints and keys, $3 the lease in ms. */
const DISPATCH_CHAINS_SQL = `WITH ${chainHeads('unnest($1::uuid[], $2::text[]) AS chain (endpoint_id, key)', `'{}'::uuid[]`)},
${dispatchHeads('$3')}
SELECT id, batch FROM dispatched`;
