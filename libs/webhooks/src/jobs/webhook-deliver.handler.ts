import { Injectable, Logger } from '@nestjs/common';
import { EventsService } from '@claimdesk/events';
import { AppConfig, Metrics, OnJob, TransactionService, WebhookDeliverPayload } from '@claimdesk/platform';
import { EntityManager } from 'typeorm';
import { sendWebhook, SendResult } from '../delivery/http-sender';
import { decideAfterAttempt, parseRetrySchedule } from '../delivery/retry-policy';
import { openWebhookSecret, signatureHeader } from '../secrets';
import { checkWebhookUrl, ResolveHost, UnsafeUrlError } from '../ssrf/ssrf-guard';
import { returnedRows } from '../webhooks.service';
import {
  Chain,
  CHAIN_HEADS,
  DISPATCH_HEADS,
  DispatchedRow,
  EARLIER_PENDING,
  WebhookDispatcher,
} from './webhook-dispatcher';

interface DeliveryRow {
  id: string;
  msg_id: string;
  endpoint_id: string;
  claim_id: string | null;
  event_id: string | null;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  dispatch_seq: number;
  url: string;
  active: boolean;
  secret: string;
  previous_secret: string | null;
  previous_valid: boolean;
  owner_kind: 'user' | 'api_key';
  owner_id: string;
  failing_since: Date | null;
  waits: boolean;
}

/** The label values of `claimdesk_webhook_deliveries_total{outcome}`. */
export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'gone' | 'refused';

/**
 * `webhooks.deliver`: one attempt at one message. Sends only when the job's ticket is the
 * message's latest dispatch and no earlier message of the same (endpoint, claim) is pending, then
 * logs the attempt and decides what follows (see retry-policy.ts): delivered; 410 disables the
 * endpoint; otherwise a retry on the schedule, or the message is given up when it runs out.
 * An endpoint failing without a single success for WEBHOOK_DISABLE_AFTER_MS is disabled and a
 * `webhook.disabled` event is written; notifications tell its owner (or the admins, for a newsroom key).
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
    private readonly metrics: Metrics,
  ) {
    this.schedule = parseRetrySchedule(config.WEBHOOK_RETRY_SCHEDULE);
  }

  @OnJob('webhooks.deliver')
  async handle(payload: WebhookDeliverPayload): Promise<void> {
    const manager = this.transactions.manager;
    const [row]: DeliveryRow[] = await manager.query(
      `SELECT m.id, m.msg_id, m.endpoint_id, m.claim_id, m.event_id::text AS event_id, m.body, m.status, m.attempts,
              m.dispatch_seq, w.url, w.active, w.secret, w.previous_secret, w.owner_kind, w.owner_id, w.failing_since,
              coalesce(w.previous_secret_expires_at > now(), false) AS previous_valid,
              EXISTS (${EARLIER_PENDING}) AS waits
         FROM webhook_messages m JOIN webhooks w ON w.id = m.endpoint_id
        WHERE m.id = $1`,
      [payload.deliveryId],
    );
    // Deleted, already finished, or superseded by a later dispatch: that job does the work.
    if (!row || row.status !== 'pending' || row.dispatch_seq !== payload.ticket) return;

    if (row.waits) {
      // Not the head of its chain (a race with a newer message): release the lease and let the
      // head's completion dispatch this one in turn.
      await manager.query(
        `UPDATE webhook_messages SET dispatched_at = NULL WHERE id = $1 AND dispatch_seq = $2`,
        [row.id, row.dispatch_seq],
      );
      return;
    }
    const chain: Chain = { endpointId: row.endpoint_id, key: row.claim_id ?? row.id };
    if (!row.active) {
      await manager.query(
        `UPDATE webhook_messages SET status = 'failed', last_error = 'endpoint disabled', next_attempt_at = NULL,
           dispatched_at = NULL WHERE id = $1`,
        [row.id],
      );
      await this.dispatcher.enqueue(await this.dispatcher.dispatchChains(manager, [chain]));
      return;
    }

    const attempt = row.attempts + 1;
    const startedAt = new Date();
    const result = await this.send(row, startedAt);
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

    if (decision.kind === 'delivered') {
      // The common case in one statement: the attempt, the message, the endpoint's health and the
      // dispatch of the chain's next message.
      const next = returnedRows<DispatchedRow>(
        await manager.query(
          `WITH attempt AS (
             INSERT INTO webhook_attempts
               (message_id, attempt, started_at, status_code, duration_ms, response_snippet, error)
             VALUES ($3, $5, $6, $7, $8, $9, $10)
           ), done AS (
             UPDATE webhook_messages SET attempts = greatest(attempts, $5), status = 'delivered',
               next_attempt_at = NULL, dispatched_at = NULL, last_error = $10, delivered_at = now()
              WHERE id = $3
           ), healthy AS (
             UPDATE webhooks SET failing_since = NULL WHERE id = $11 AND failing_since IS NOT NULL
           ), ${CHAIN_HEADS} ${DISPATCH_HEADS}`,
          [
            ...this.dispatcher.chainParams([chain], row.id),
            attempt,
            startedAt,
            result.statusCode,
            result.durationMs,
            result.snippet,
            result.error,
            row.endpoint_id,
          ],
        ),
      );
      this.finish(row, attempt, outcome, result);
      await this.dispatcher.enqueue(next);
      return;
    }

    const finished = await this.transactions.run(async (tx) => {
      await tx.query(
        `INSERT INTO webhook_attempts
           (message_id, attempt, started_at, status_code, duration_ms, response_snippet, error, next_retry_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          row.id,
          attempt,
          startedAt,
          result.statusCode,
          result.durationMs,
          result.snippet,
          result.error,
          nextRetryAt,
        ],
      );
      const status = decision.kind === 'retry' ? 'pending' : 'failed';
      await tx.query(
        `UPDATE webhook_messages SET attempts = greatest(attempts, $2), status = $3, next_attempt_at = $4,
           dispatched_at = NULL, last_error = $5
         WHERE id = $1`,
        [row.id, attempt, status, nextRetryAt, error],
      );
      if (decision.kind === 'gone') {
        await this.disable(tx, row, 'the endpoint answered 410 Gone');
      } else {
        const [endpoint] = returnedRows<{ failing_since: Date }>(
          await tx.query(
            `UPDATE webhooks SET failing_since = coalesce(failing_since, $2) WHERE id = $1 RETURNING failing_since`,
            [row.endpoint_id, startedAt],
          ),
        );
        const failingFor = Date.now() - (endpoint?.failing_since ?? startedAt).getTime();
        if (failingFor >= this.config.WEBHOOK_DISABLE_AFTER_MS) {
          await this.disable(
            tx,
            row,
            `every delivery failed for ${Math.round(failingFor / 3_600_000)} h (last: ${error ?? 'failed'})`,
          );
        }
      }
      return status !== 'pending';
    });
    this.finish(row, attempt, outcome, result);
    // The next message of this chain (or its retry, if due already) goes now, not at the next poll.
    if (finished || (nextRetryAt && nextRetryAt.getTime() <= Date.now())) {
      await this.dispatcher.enqueue(await this.dispatcher.dispatchChains(manager, [chain]));
    }
  }

  private finish(row: DeliveryRow, attempt: number, outcome: DeliveryOutcome, result: SendResult): void {
    this.metrics.webhookDeliveries.inc({ outcome });
    this.logger.debug(
      `webhook ${row.msg_id} attempt ${attempt} → ${outcome} (${result.statusCode ?? result.error})`,
    );
  }

  /** Signs and sends; a URL the SSRF guard now refuses (DNS changed) is a failed attempt, not a request. */
  private async send(row: DeliveryRow, at: Date): Promise<SendResult> {
    let target;
    try {
      target = await checkWebhookUrl(row.url, {
        allowPrivateNetworks: this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
        resolve: this.resolveHost,
      });
    } catch (error) {
      if (!(error instanceof UnsafeUrlError)) throw error;
      return {
        statusCode: null,
        headers: {},
        durationMs: 0,
        snippet: null,
        error: `refused: ${error.message}`,
      };
    }
    // Opened only here, for signing. A secret that does not open (a wrong WEBHOOK_SECRETS_KEY) throws:
    // the job fails and the message's lease expires into a later retry, instead of counting as the
    // endpoint's failure and eventually disabling every endpoint over an operator's mistake.
    const key = this.config.webhookSecretsKey;
    const secrets = [
      row.secret,
      ...(row.previous_valid && row.previous_secret ? [row.previous_secret] : []),
    ].map((stored) => openWebhookSecret(stored, key));
    return sendWebhook(
      target,
      row.body,
      {
        'webhook-id': row.msg_id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signatureHeader(secrets, row.msg_id, at, row.body),
      },
      this.config.WEBHOOK_TIMEOUT_MS,
    );
  }

  /** Disables the endpoint, gives up its pending messages and tells its owner through an event. */
  private async disable(manager: EntityManager, row: DeliveryRow, reason: string): Promise<void> {
    await manager.query(
      `UPDATE webhooks SET active = false, disabled_at = now(), disabled_reason = $2, version = version + 1,
         updated_at = now() WHERE id = $1`,
      [row.endpoint_id, reason],
    );
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
