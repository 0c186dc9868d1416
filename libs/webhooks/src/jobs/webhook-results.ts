import { Injectable, Logger } from '@nestjs/common';
import { GroupCommit, preparedQuery, TransactionService } from '@claimdesk/platform';
import { QueryFailedError } from 'typeorm';
import { chainHeads, dispatchHeads, DispatchedRow, WebhookDispatcher } from './webhook-dispatcher';

/** Results written by one statement at most. */
const MAX_RESULTS = 500;
/** Deadlock and serialization failures: the statement is tried again, this many times in all. */
const RETRIED_CODES = new Set(['40P01', '40001']);
const TRIES = 3;

/** One attempt at one message, as the deliver handler decided it. */
export interface AttemptResult {
  messageId: string;
  endpointId: string;
  /** The dispatch batch the attempt was made under: a result for a message dispatched since is dropped. */
  batch: string;
  attempt: number;
  startedAt: Date;
  statusCode: number | null;
  durationMs: number;
  snippet: string | null;
  error: string | null;
  /** What the message becomes: delivered, pending again (a retry at `nextRetryAt`) or given up. */
  status: 'delivered' | 'pending' | 'failed';
  nextRetryAt: Date | null;
  lastError: string | null;
}

export interface Recorded {
  /** False when the message was no longer this batch's to finish (superseded, replayed, finished). */
  recorded: boolean;
  /** For a recorded failure, since when its endpoint has been failing without a success. */
  failingSince: Date | null;
}

interface ResultRow {
  kind: 'recorded' | 'failing' | 'dispatched';
  id: string;
  batch: string | null;
  failing_since: Date | null;
}

/**
 * Writes the results of webhook deliveries, many at once: the attempts, the messages, the
 * endpoints' health and the dispatch of each finished chain's next message are one statement for
 * every result that arrived while the previous statement ran (a group commit), so a busy worker
 * writes once per few dozen deliveries and an idle one at once. Each delivery waits for its own
 * result to be written, so a job completes only once all of its results have committed.
 *
 * A result counts only if the message is still pending under the batch that sent it, so a
 * duplicated or superseded job cannot log an attempt twice or finish a message it no longer holds.
 * An endpoint with a success in the statement is healthy; one with only failures is failing since
 * its earliest (kept if it was failing already).
 */
@Injectable()
export class WebhookResults {
  private readonly logger = new Logger(WebhookResults.name);
  private readonly results = new GroupCommit<AttemptResult, Recorded>(
    (group) => this.recordAll(group),
    MAX_RESULTS,
  );

  constructor(
    private readonly transactions: TransactionService,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /** Resolves once the result has committed (or was found not to be this batch's any more). */
  record(result: AttemptResult): Promise<Recorded> {
    return this.results.add(result);
  }

  private async recordAll(group: AttemptResult[]): Promise<Recorded[]> {
    const rows = await this.write(group);
    const recorded = new Set(rows.filter((row) => row.kind === 'recorded').map((row) => row.id));
    const failing = new Map(
      rows.filter((row) => row.kind === 'failing').map((row) => [row.id, row.failing_since]),
    );
    await this.dispatcher.enqueue(dispatchedOf(rows)).catch((error: unknown) =>
      // The leases expire into a later dispatch (WebhookLostJobs within seconds).
      this.logger.warn(`enqueueing the next webhook messages failed: ${messageOf(error)}`),
    );
    return group.map((result) => {
      const ok = recorded.has(result.messageId);
      return { recorded: ok, failingSince: (ok && failing.get(result.endpointId)) || null };
    });
  }

  private async write(results: readonly AttemptResult[]): Promise<ResultRow[]> {
    const column = <T>(pick: (result: AttemptResult) => T) => results.map(pick);
    const params = [
      column((r) => r.messageId),
      column((r) => r.batch),
      column((r) => r.attempt),
      column((r) => r.startedAt),
      column((r) => r.statusCode),
      column((r) => r.durationMs),
      column((r) => r.snippet),
      column((r) => r.error),
      column((r) => r.nextRetryAt),
      column((r) => r.status),
      column((r) => r.lastError),
      this.dispatcher.leaseMs,
    ];
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await preparedQuery<ResultRow>(
          this.transactions.manager,
          'webhook-results',
          RECORD_SQL,
          params,
        );
      } catch (error) {
        const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : '';
        if (attempt >= TRIES || !RETRIED_CODES.has(code ?? '')) throw error;
      }
    }
  }
}

const RECORD_SQL = `WITH r AS (
  SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::text[],
                       $8::text[], $9::timestamptz[], $10::text[], $11::text[])
    AS r (id, batch, attempt, started_at, status_code, duration_ms, snippet, error, next_retry_at, status, last_error)
), done AS (
  UPDATE webhook_messages m
     SET attempts = greatest(m.attempts, r.attempt), status = r.status, next_attempt_at = r.next_retry_at,
         dispatched_at = NULL, last_error = r.last_error,
         delivered_at = CASE WHEN r.status = 'delivered' THEN now() ELSE m.delivered_at END
    FROM r
   WHERE m.id = r.id AND m.dispatch_batch = r.batch AND m.status = 'pending'
  RETURNING m.id, m.endpoint_id, coalesce(m.claim_id::text, m.id::text) AS key, m.status
), logged AS (
  INSERT INTO webhook_attempts
    (message_id, attempt, started_at, status_code, duration_ms, response_snippet, error, next_retry_at)
  SELECT r.id, r.attempt, r.started_at, r.status_code, r.duration_ms, r.snippet, r.error, r.next_retry_at
    FROM r JOIN done USING (id)
), outcome AS (
  SELECT done.endpoint_id, bool_or(done.status = 'delivered') AS ok, min(r.started_at) AS first_failure
    FROM done JOIN r USING (id)
   GROUP BY done.endpoint_id
), healthy AS (
  UPDATE webhooks w SET failing_since = NULL
    FROM outcome
   WHERE w.id = outcome.endpoint_id AND outcome.ok AND w.failing_since IS NOT NULL
), failing AS (
  UPDATE webhooks w SET failing_since = coalesce(w.failing_since, outcome.first_failure)
    FROM outcome
   WHERE w.id = outcome.endpoint_id AND NOT outcome.ok
  RETURNING w.id, w.failing_since
), ${chainHeads(`(SELECT endpoint_id, key FROM done WHERE status <> 'pending') AS chain`, '$1::uuid[]')},
${dispatchHeads('$12')}
SELECT 'recorded' AS kind, id::text AS id, NULL::text AS batch, NULL::timestamptz AS failing_since FROM done
UNION ALL SELECT 'failing', id::text, NULL, failing_since FROM failing
UNION ALL SELECT 'dispatched', id::text, batch, NULL FROM dispatched`;

function dispatchedOf(rows: readonly ResultRow[]): DispatchedRow[] {
  return rows.flatMap((row) =>
    row.kind === 'dispatched' && row.batch ? [{ id: row.id, batch: row.batch }] : [],
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
