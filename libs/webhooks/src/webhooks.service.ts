import { Injectable } from '@nestjs/common';
import {
  AppConfig,
  assertIfMatch,
  decodeTimeIdCursor,
  notFound,
  Page,
  PageQuery,
  Principal,
  ConflictError,
  InvalidInputError,
  problemType,
  toPage,
  TransactionService,
} from '@claimdesk/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DeliveryAttemptView, DeliveryView } from './dto/delivery.view';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { CreatedWebhookView, RotatedSecretView, WebhookView } from './dto/webhook.view';
import {
  generateWebhookSecret,
  isPlaintextWebhookSecret,
  SECRET_OVERLAP_MS,
  sealWebhookSecret,
} from './secrets';
import { checkWebhookUrl, ResolveHost, UnsafeUrlError } from './ssrf/ssrf-guard';

export interface WebhookRow {
  id: string;
  owner_kind: 'user' | 'api_key';
  owner_id: string;
  url: string;
  description: string | null;
  events: string[];
  tags: string[];
  active: boolean;
  disabled_at: Date | null;
  disabled_reason: string | null;
  failing_since: Date | null;
  previous_secret_expires_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  cursor_at: string;
}

interface MessageRow {
  id: string;
  msg_id: string;
  event_type: string;
  event_id: string | null;
  claim_id: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  cursor_at: string;
}

interface AttemptRow {
  message_id: string;
  attempt: number;
  started_at: Date;
  status_code: number | null;
  duration_ms: number;
  response_snippet: string | null;
  error: string | null;
  next_retry_at: Date | null;
}

const PRECISE = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const WEBHOOK_COLUMNS = `w.id, w.owner_kind, w.owner_id, w.url, w.description, w.events, w.tags, w.active, w.disabled_at,
  w.disabled_reason, w.failing_since, w.previous_secret_expires_at, w.version, w.created_at, w.updated_at,
  ${PRECISE('w.created_at')} AS cursor_at`;

/** TypeORM answers UPDATE … RETURNING with `[rows, affected]` but INSERT … RETURNING with the rows. */
export function returnedRows<T>(result: unknown): T[] {
  const list = result as unknown[];
  return list.length === 2 && Array.isArray(list[0]) && typeof list[1] === 'number'
    ? (list[0] as T[])
    : (list as T[]);
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function toWebhookView(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    tags: row.tags,
    description: row.description,
    active: row.active,
    disabledAt: iso(row.disabled_at),
    disabledReason: row.disabled_reason,
    failingSince: iso(row.failing_since),
    previousSecretExpiresAt:
      row.previous_secret_expires_at && row.previous_secret_expires_at.getTime() > Date.now()
        ? row.previous_secret_expires_at.toISOString()
        : null,
    owner: { kind: row.owner_kind, id: row.owner_id },
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toAttemptView(row: AttemptRow): DeliveryAttemptView {
  return {
    attempt: row.attempt,
    startedAt: row.started_at.toISOString(),
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    responseSnippet: row.response_snippet,
    error: row.error,
    nextRetryAt: iso(row.next_retry_at),
  };
}

function toDeliveryView(row: MessageRow, attempts: AttemptRow[]): DeliveryView {
  return {
    id: row.id,
    webhookId: row.msg_id,
    eventType: row.event_type,
    eventId: row.event_id,
    claimId: row.claim_id,
    status: row.status,
    attemptCount: row.attempts,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    deliveredAt: iso(row.delivered_at),
    attempts: attempts.map(toAttemptView),
  };
}

/** The `webhook-id` of a new message: stable for every attempt at it. */
export const newMessageId = () => `msg_${randomUUID().replace(/-/g, '')}`;

const isAdmin = (principal: Principal) => principal.roles.includes('admin');

/**
 * Newsroom webhook endpoints as the API manages them. A newsroom key sees only the endpoints it
 * created (others' answer 404, as if they did not exist); admins see every endpoint.
 */
@Injectable()
export class WebhooksService {
  /** Replaced in tests to answer DNS without a network. */
  resolveHost?: ResolveHost;

  constructor(
    private readonly transactions: TransactionService,
    private readonly config: AppConfig,
  ) {}

  async create(input: CreateWebhookDto, principal: Principal): Promise<CreatedWebhookView> {
    const url = await this.checkUrl(input.url);
    const secret = generateWebhookSecret();
    return this.transactions.run(async (manager) => {
      const [row]: WebhookRow[] = await manager.query(
        `INSERT INTO webhooks AS w (owner_kind, owner_id, url, description, events, tags, secret)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${WEBHOOK_COLUMNS}`,
        [
          principal.kind,
          principal.id,
          url,
          input.description || null,
          input.events,
          input.tags ?? [],
          sealWebhookSecret(secret, this.config.webhookSecretsKey),
        ],
      );
      return { ...toWebhookView(row), secret };
    });
  }

  async list(query: PageQuery, principal: Principal): Promise<Page<WebhookView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (!isAdmin(principal)) {
      params.push(principal.kind, principal.id);
      where.push(`w.owner_kind = $1 AND w.owner_id = $2`);
    }
    if (query.cursor) {
      const [at, id] = decodeTimeIdCursor(query.cursor);
      params.push(at, id);
      where.push(`(w.created_at, w.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows: WebhookRow[] = await this.transactions.manager.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY w.created_at DESC, w.id DESC LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.cursor_at, row.id], toWebhookView);
  }

  async get(id: string, principal: Principal): Promise<WebhookView> {
    return toWebhookView(await this.visible(this.transactions.manager, id, principal));
  }

  async update(
    id: string,
    input: UpdateWebhookDto,
    principal: Principal,
    ifMatch?: string,
  ): Promise<WebhookView> {
    const url = input.url !== undefined ? await this.checkUrl(input.url) : undefined;
    return this.transactions.run(async (manager) => {
      const current = await this.visible(manager, id, principal, true);
      assertIfMatch(ifMatch, current.version);
      await this.sealPlaintextSecrets(manager, id);
      const reenable = input.active === true && !current.active;
      const [row] = returnedRows<WebhookRow>(
        await manager.query(
          `UPDATE webhooks w SET
           url = coalesce($2, url),
           description = CASE WHEN $3::boolean THEN $4 ELSE description END,
           events = coalesce($5, events),
           tags = coalesce($6, tags),
           active = coalesce($7, active),
           disabled_at = CASE WHEN $7::boolean IS NULL THEN disabled_at WHEN $7 THEN NULL ELSE coalesce(disabled_at, now()) END,
           disabled_reason = CASE WHEN $7::boolean IS NULL THEN disabled_reason WHEN $7 THEN NULL ELSE coalesce(disabled_reason, 'paused by its owner') END,
           failing_since = CASE WHEN $8::boolean THEN NULL ELSE failing_since END,
           version = version + 1,
           updated_at = now()
         WHERE id = $1 RETURNING ${WEBHOOK_COLUMNS}`,
          [
            id,
            url ?? null,
            input.description !== undefined,
            input.description || null,
            input.events ?? null,
            input.tags ?? null,
            input.active ?? null,
            reenable,
          ],
        ),
      );
      return toWebhookView(row);
    });
  }

  async remove(id: string, principal: Principal): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.visible(manager, id, principal, true);
      await manager.query(`DELETE FROM webhooks WHERE id = $1`, [id]);
    });
  }

  /** A new secret; the previous one keeps signing (alongside) for SECRET_OVERLAP_MS. */
  async rotateSecret(id: string, principal: Principal): Promise<RotatedSecretView> {
    const secret = generateWebhookSecret();
    return this.transactions.run(async (manager) => {
      await this.visible(manager, id, principal, true);
      // So that `previous_secret = secret` below copies an encrypted value, never a plaintext one.
      await this.sealPlaintextSecrets(manager, id);
      const [row] = returnedRows<{ previous_secret_expires_at: Date }>(
        await manager.query(
          `UPDATE webhooks SET previous_secret = secret, secret = $2,
           previous_secret_expires_at = now() + $3 * interval '1 millisecond',
           version = version + 1, updated_at = now()
         WHERE id = $1 RETURNING previous_secret_expires_at`,
          [id, sealWebhookSecret(secret, this.config.webhookSecretsKey), SECRET_OVERLAP_MS],
        ),
      );
      return { id, secret, previousSecretExpiresAt: row.previous_secret_expires_at.toISOString() };
    });
  }

  /** Queues a `webhook.test` message; the worker sends it within a poll interval. */
  async sendTest(id: string, principal: Principal): Promise<DeliveryView> {
    return this.transactions.run(async (manager) => {
      const endpoint = await this.visible(manager, id, principal, true);
      this.assertActive(endpoint);
      const now = new Date();
      const body = JSON.stringify({
        type: 'webhook.test',
        timestamp: now.toISOString(),
        data: {
          webhook: { id: endpoint.id, url: endpoint.url },
          actor: { kind: principal.kind, id: principal.id, name: principal.name },
        },
      });
      const [row]: { id: string }[] = await manager.query(
        `INSERT INTO webhook_messages (msg_id, endpoint_id, event_type, body, next_attempt_at)
         VALUES ($1, $2, 'webhook.test', $3, now()) RETURNING id`,
        [newMessageId(), id, body],
      );
      return this.delivery(manager, id, row.id);
    });
  }

  async deliveries(id: string, query: PageQuery, principal: Principal): Promise<Page<DeliveryView>> {
    const manager = this.transactions.manager;
    await this.visible(manager, id, principal);
    const params: unknown[] = [id];
    let after = '';
    if (query.cursor) {
      const [at, messageId] = decodeTimeIdCursor(query.cursor);
      params.push(at, messageId);
      after = `AND (m.created_at, m.id) < ($2::timestamptz, $3::uuid)`;
    }
    params.push(query.limit + 1);
    const rows: MessageRow[] = await manager.query(
      `SELECT m.id, m.msg_id, m.event_type, m.event_id::text AS event_id, m.claim_id, m.status, m.attempts,
              m.next_attempt_at, m.last_error, m.created_at, m.delivered_at, ${PRECISE('m.created_at')} AS cursor_at
         FROM webhook_messages m
        WHERE m.endpoint_id = $1 ${after}
        ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
    );
    const attempts = await this.attemptsOf(
      manager,
      rows.slice(0, query.limit).map((row) => row.id),
    );
    return toPage(
      rows,
      query.limit,
      (row) => [row.cursor_at, row.id],
      (row) => toDeliveryView(row, attempts.get(row.id) ?? []),
    );
  }

  /**
   * Sends one message again now, whatever its state: a delivered one is replayed with the same
   * `webhook-id` (receivers de-duplicate on it), a failed or waiting one is tried at once.
   */
  async retry(id: string, deliveryId: string, principal: Principal): Promise<DeliveryView> {
    return this.transactions.run(async (manager) => {
      const endpoint = await this.visible(manager, id, principal, true);
      this.assertActive(endpoint);
      // A pending message may have a job in flight: keep its dispatch lease, only make it due now.
      const updated = returnedRows<{ id: string }>(
        await manager.query(
          `UPDATE webhook_messages SET
           dispatched_at = CASE WHEN status = 'pending' THEN dispatched_at ELSE NULL END,
           status = 'pending', next_attempt_at = now()
         WHERE id = $1 AND endpoint_id = $2 RETURNING id`,
          [deliveryId, id],
        ),
      );
      if (!updated.length) throw notFound('Delivery', deliveryId);
      return this.delivery(manager, id, deliveryId);
    });
  }

  /** Runs the SSRF guard; its refusal is a 400 naming the `url` field. */
  private async checkUrl(raw: string): Promise<string> {
    try {
      const target = await checkWebhookUrl(raw, {
        allowPrivateNetworks: this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
        resolve: this.resolveHost,
      });
      return target.url.toString();
    } catch (error) {
      if (!(error instanceof UnsafeUrlError)) throw error;
      throw new InvalidInputError(`The webhook URL is not allowed: ${error.message}.`, {
        type: problemType('validation'),
        title: 'Validation failed',
        errors: [{ field: 'url', message: error.message }],
      });
    }
  }

  private assertActive(endpoint: WebhookRow): void {
    if (!endpoint.active) {
      throw new ConflictError(
        `Webhook ${endpoint.id} is disabled (${endpoint.disabled_reason ?? 'paused'}); PATCH it with {"active": true} first.`,
      );
    }
  }

  /**
   * Encrypts secrets a row still holds in plaintext from before migration 1764270900000; the
   * writes (update, rotation) call it on the row they have locked, so old rows heal as they are touched.
   */
  private async sealPlaintextSecrets(manager: EntityManager, id: string): Promise<void> {
    const [row]: { secret: string; previous_secret: string | null }[] = await manager.query(
      `SELECT secret, previous_secret FROM webhooks WHERE id = $1`,
      [id],
    );
    const seal = (value: string | null | undefined) =>
      value && isPlaintextWebhookSecret(value)
        ? sealWebhookSecret(value, this.config.webhookSecretsKey)
        : null;
    const secret = seal(row?.secret);
    const previous = seal(row?.previous_secret);
    if (!secret && !previous) return;
    await manager.query(
      `UPDATE webhooks SET secret = coalesce($2, secret), previous_secret = coalesce($3, previous_secret)
        WHERE id = $1`,
      [id, secret, previous],
    );
  }

  private async visible(
    manager: EntityManager,
    id: string,
    principal: Principal,
    lock = false,
  ): Promise<WebhookRow> {
    const [row]: WebhookRow[] = await manager.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w WHERE w.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    // Someone else's endpoint answers as a missing one: its existence is not the caller's business.
    if (!row || (!isAdmin(principal) && (row.owner_kind !== principal.kind || row.owner_id !== principal.id)))
      throw notFound('Webhook', id);
    return row;
  }

  private async delivery(
    manager: EntityManager,
    endpointId: string,
    deliveryId: string,
  ): Promise<DeliveryView> {
    const [row]: MessageRow[] = await manager.query(
      `SELECT m.id, m.msg_id, m.event_type, m.event_id::text AS event_id, m.claim_id, m.status, m.attempts,
              m.next_attempt_at, m.last_error, m.created_at, m.delivered_at, '' AS cursor_at
         FROM webhook_messages m WHERE m.id = $1 AND m.endpoint_id = $2`,
      [deliveryId, endpointId],
    );
    if (!row) throw notFound('Delivery', deliveryId);
    const attempts = await this.attemptsOf(manager, [row.id]);
    return toDeliveryView(row, attempts.get(row.id) ?? []);
  }

  private async attemptsOf(manager: EntityManager, messageIds: string[]): Promise<Map<string, AttemptRow[]>> {
    const byMessage = new Map<string, AttemptRow[]>();
    if (!messageIds.length) return byMessage;
    const rows: AttemptRow[] = await manager.query(
      `SELECT message_id, attempt, started_at, status_code, duration_ms, response_snippet, error, next_retry_at
         FROM webhook_attempts WHERE message_id = ANY($1::uuid[]) ORDER BY started_at, id`,
      [messageIds],
    );
    for (const row of rows) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push(row);
      byMessage.set(row.message_id, list);
    }
    return byMessage;
  }
}
