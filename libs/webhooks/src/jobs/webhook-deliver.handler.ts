import { Injectable, Logger } from '@nestjs/common';
import { EventsService } from '@claimdesk/events';
import {
  AppConfig,
  Metrics,
  OnJob,
  preparedQuery,
  TransactionService,
  WebhookDeliverPayload,
} from '@claimdesk/platform';
import { EntityManager } from 'typeorm';
import { sendWebhook, SendResult } from '../delivery/http-sender';
import { decideAfterAttempt, parseRetrySchedule } from '../delivery/retry-policy';
import { openWebhookSecret, signatureHeader } from '../secrets';
import { checkWebhookUrl, ResolveHost, SafeTarget, UnsafeUrlError } from '../ssrf/ssrf-guard';
import { returnedRows } from '../webhooks.service';
import { Chain, EARLIER_PENDING, WebhookDispatcher } from './webhook-dispatcher';
import { WebhookResults } from './webhook-results';

/** Where one endpoint's messages go in a batch: its checked address (or the guard's refusal) and its secrets. */
type Target = { secrets: string[] } & (
  { safe: SafeTarget; refused?: never } | { safe?: never; refused: string }
);

interface DeliveryRow {
  id: string;
  msg_id: string;
  endpoint_id: string;
  claim_id: string | null;
  body: string;
  attempts: number;
  url: string;
  active: boolean;
  secret: string;
  previous_secret: string | null;
  previous_valid: boolean;
  owner_kind: 'user' | 'api_key';
  owner_id: string;
  waits: boolean;
}

/** The messages ($1) a deliver job may still send under its batch ($2), with their endpoints. */
const LOAD_BATCH_SQL = `SELECT m.id, m.msg_id, m.endpoint_id, m.claim_id, m.body, m.attempts,
       w.url, w.active, w.secret, w.previous_secret, w.owner_kind, w.owner_id,
       coalesce(w.previous_secret_expires_at > now(), false) AS previous_valid,
       EXISTS (${EARLIER_PENDING}) AS waits
  FROM webhook_messages m JOIN webhooks w ON w.id = m.endpoint_id
 WHERE m.id = ANY($1::uuid[]) AND m.dispatch_batch = $2 AND m.status = 'pending'`;

/** The label values of `claimdesk_webhook_deliveries_total{outcome}`. */
export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'gone' | 'refused';

/**
 * `webhooks.deliver`: one attempt at each message of a dispatch batch (webhook-dispatcher.ts),
 * sent concurrently. A message is sent only while the batch is its latest dispatch and no earlier
 * message of the same (endpoint, claim) is pending; each attempt is logged and decides what follows
 * (see retry-policy.ts): delivered; 410 disables the endpoint; otherwise a retry on the schedule, or
 * the message is given up when it runs out. Results are written by WebhookResults, many per
 * statement. An endpoint failing without a single success for WEBHOOK_DISABLE_AFTER_MS is disabled
 * and a `webhook.disabled` event is written; notifications tell its owner (or the admins, for a
 * newsroom key).
 */
@Injectable()
export class WebhookDeliverHandler {
  private readonly logger = new Logger(WebhookDeliverHandler.name);
  private readonly schedule: number[];
  /** Replaced in tests to answer DNS without a network. */
  resolveHost?: ResolveHost;

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly dispatcher: WebhookDispatcher,
    private readonly results: WebhookResults,
    private readonly metrics: Metrics,
  ) {
    this.schedule = parseRetrySchedule(config.WEBHOOK_RETRY_SCHEDULE);
  }

  @OnJob('webhooks.deliver')
  async handle(payload: WebhookDeliverPayload): Promise<void> {
    const manager = this.transactions.manager;
    // Deleted, finished, or dispatched again since (a later batch does the work): not loaded.
    const rows = await preparedQuery<DeliveryRow>(manager, 'webhook-deliver-load', LOAD_BATCH_SQL, [
      payload.deliveryIds,
      payload.batch,
    ]);
    const waiting = rows.filter((row) => row.waits).map((row) => row.id);
    if (waiting.length) {
      // Not the head of its chain (a race with a newer message): release the lease and let the
      // head's completion dispatch it in turn.
      await manager.query(
        `UPDATE webhook_messages SET dispatched_at = NULL
          WHERE id = ANY($1::uuid[]) AND dispatch_batch = $2 AND status = 'pending'`,
        [waiting, payload.batch],
      );
    }
    const targets = new Map<string, Promise<Target>>();
    // Every delivery settles before the job does: a retry of the job must not find one still in flight.
    const settled = await Promise.allSettled(
      rows
        .filter((row) => !row.waits)
        .map((row) => {
          // Checked and opened once per endpoint and batch.
          let target = targets.get(row.endpoint_id);
          if (!target) targets.set(row.endpoint_id, (target = this.target(row)));
          return this.deliver(row, payload.batch, target);
        }),
    );
    const failure = settled.find((each) => each.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private async deliver(row: DeliveryRow, batch: string, target: Promise<Target>): Promise<void> {
    const chain: Chain = { endpointId: row.endpoint_id, key: row.claim_id ?? row.id };
    if (!row.active) {
      const given = returnedRows<{ id: string }>(
        await this.transactions.manager.query(
          `UPDATE webhook_messages SET status = 'failed', last_error = 'endpoint disabled', next_attempt_at = NULL,
             dispatched_at = NULL WHERE id = $1 AND dispatch_batch = $2 AND status = 'pending' RETURNING id`,
          [row.id, batch],
        ),
      );
      if (given.length)
        await this.dispatcher.enqueue(
          await this.dispatcher.dispatchChains(this.transactions.manager, [chain]),
        );
      return;
    }

    const attempt = row.attempts + 1;
    const startedAt = new Date();
    const result = await this.send(row, startedAt, await target);
    const decision = decideAfterAttempt(
      attempt,
      result.statusCode,
      result.headers['retry-after'],
      this.schedule,
    );
    const nextRetryAt = decision.kind === 'retry' ? new Date(Date.now() + decision.delayMs) : null;
    const outcome: DeliveryOutcome =
      result.statusCode === null && result.error?.startsWith('refused:')
        ? 'refused'
        : decision.kind === 'delivered'
          ? 'delivered'
          : decision.kind === 'gone'
            ? 'gone'
            : decision.kind === 'retry'
              ? 'retrying'
              : 'failed';
    const error =
      result.error ??
      (decision.kind === 'delivered' ? null : `endpoint answered ${result.statusCode ?? '-'}`);

    if (decision.kind === 'gone') {
      // Rare, and the endpoint's end: the attempt, the message and the disabling in one transaction.
      const recorded = await this.transactions.run(async (tx) => {
        const given = returnedRows<{ id: string }>(
          await tx.query(
            `UPDATE webhook_messages SET attempts = greatest(attempts, $3), status = 'failed', next_attempt_at = NULL,
               dispatched_at = NULL, last_error = $4
             WHERE id = $1 AND dispatch_batch = $2 AND status = 'pending' RETURNING id`,
            [row.id, batch, attempt, error],
          ),
        );
        if (!given.length) return false;
        await tx.query(
          `INSERT INTO webhook_attempts
             (message_id, attempt, started_at, status_code, duration_ms, response_snippet, error)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [row.id, attempt, startedAt, result.statusCode, result.durationMs, result.snippet, result.error],
        );
        await this.disable(tx, row, 'the endpoint answered 410 Gone');
        return true;
      });
      if (recorded) this.finish(row, attempt, outcome, result);
      return;
    }

    const recorded = await this.results.record({
      messageId: row.id,
      endpointId: row.endpoint_id,
      batch,
      attempt,
      startedAt,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      snippet: result.snippet,
      error: result.error,
      status: decision.kind === 'delivered' ? 'delivered' : decision.kind === 'retry' ? 'pending' : 'failed',
      nextRetryAt,
      lastError: decision.kind === 'delivered' ? result.error : error,
    });
    if (!recorded.recorded) return;
    this.finish(row, attempt, outcome, result);
    const failingFor = recorded.failingSince ? Date.now() - recorded.failingSince.getTime() : 0;
    if (failingFor >= this.config.WEBHOOK_DISABLE_AFTER_MS) {
      // After the attempt's commit: if this fails, the endpoint's next failure disables it.
      await this.transactions.run((tx) =>
        this.disable(
          tx,
          row,
          `every delivery failed for ${Math.round(failingFor / 3_600_000)} h (last: ${error ?? 'failed'})`,
        ),
      );
    }
  }

  private finish(row: DeliveryRow, attempt: number, outcome: DeliveryOutcome, result: SendResult): void {
    this.metrics.webhookDeliveries.inc({ outcome });
    this.logger.debug(
      `webhook ${row.msg_id} attempt ${attempt} → ${outcome} (${result.statusCode ?? result.error})`,
    );
  }

  /**
   * The endpoint's URL as the SSRF guard passes it now and its signing secrets, or why not: a URL
   * the guard now refuses (DNS changed) makes failed attempts, not requests. A secret that does not
   * open (a wrong WEBHOOK_SECRETS_KEY) throws: the job fails and the messages' leases expire into a
   * later retry, instead of counting as the endpoint's failure and eventually disabling every
   * endpoint over an operator's mistake.
   */
  private async target(row: DeliveryRow): Promise<Target> {
    const key = this.config.webhookSecretsKey;
    const secrets = [
      row.secret,
      ...(row.previous_valid && row.previous_secret ? [row.previous_secret] : []),
    ].map((stored) => openWebhookSecret(stored, key));
    try {
      const safe = await checkWebhookUrl(row.url, {
        allowPrivateNetworks: this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
        resolve: this.resolveHost,
      });
      return { safe, secrets };
    } catch (error) {
      if (!(error instanceof UnsafeUrlError)) throw error;
      return { refused: `refused: ${error.message}`, secrets };
    }
  }

  /** Signs and sends one message. */
  private async send(row: DeliveryRow, at: Date, target: Target): Promise<SendResult> {
    if (!target.safe)
      return { statusCode: null, headers: {}, durationMs: 0, snippet: null, error: target.refused };
    return sendWebhook(
      target.safe,
      row.body,
      {
        'webhook-id': row.msg_id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signatureHeader(target.secrets, row.msg_id, at, row.body),
      },
      this.config.WEBHOOK_TIMEOUT_MS,
    );
  }

  /** Disables the endpoint, gives up its pending messages and tells its owner through an event; once. */
  private async disable(manager: EntityManager, row: DeliveryRow, reason: string): Promise<void> {
    const disabled = returnedRows<{ id: string }>(
      await manager.query(
        `UPDATE webhooks SET active = false, disabled_at = now(), disabled_reason = $2, version = version + 1,
           updated_at = now() WHERE id = $1 AND active RETURNING id`,
        [row.endpoint_id, reason],
      ),
    );
    if (!disabled.length) return;
    await manager.query(
      `UPDATE webhook_messages SET status = 'failed', next_attempt_at = NULL, dispatched_at = NULL,
         last_error = coalesce(last_error, 'endpoint disabled')
       WHERE endpoint_id = $1 AND status = 'pending'`,
      [row.endpoint_id],
    );
    await this.events.append(manager, 'webhook.disabled', null, null, {
      webhookId: row.endpoint_id,
      url: row.url,
      owner: { kind: row.owner_kind, id: row.owner_id },
      reason,
    });
    this.logger.warn(`webhook ${row.endpoint_id} disabled: ${reason}`);
  }
}
