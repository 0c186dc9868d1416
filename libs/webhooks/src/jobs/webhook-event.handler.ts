import { Injectable, Logger } from '@nestjs/common';
import { ClaimsService, ClaimView } from '@claimdesk/claims';
import { EventJobPayload, NotFoundError, OnJob, TransactionService } from '@claimdesk/platform';
import type { EventType, HistoryEntry } from '@claimdesk/events';
import { EntityManager } from 'typeorm';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-types';
import { newMessageId } from '../webhooks.service';
import { Chain, WebhookDispatcher } from './webhook-dispatcher';

/** Earlier events of a claim older than this are history, not a fan-out to catch up on. */
const CATCH_UP_WINDOW = `interval '1 day'`;

interface EventRow {
  id: string;
  type: string;
  claim_id: string | null;
  actor_kind: 'user' | 'api_key' | null;
  actor_id: string | null;
  actor_name: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * `webhooks.event`: turns one relayed domain event into one message per matching endpoint.
 *
 * An endpoint matches when it is active, subscribes to the event type, existed when the event
 * happened, and (if it has a tag filter) the claim carries one of its tags. The body is built here
 * once, `{type, timestamp, data: {claim, changes, actor}}` with the claim as `GET /v1/claims/:id`
 * shows it at fan-out time (which may be a little after the event: `changes` is the event's own
 * record), and stored, so every attempt sends the same bytes under the same `webhook-id`.
 *
 * Per-claim order needs every earlier event of the claim fanned out before this one can go: the
 * relay's jobs run concurrently and may finish out of order. So under a per-claim advisory lock,
 * the handler first fans out any earlier event of the same claim that has no fan-out record yet
 * (webhook_fanouts), oldest first, then this one. Whichever job runs first does the work; the
 * others find the records and stop. Delivery order then follows event ids (webhook-dispatcher.ts).
 */
@Injectable()
export class WebhookEventHandler {
  private readonly logger = new Logger(WebhookEventHandler.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly claims: ClaimsService,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  @OnJob('webhooks.event')
  async handle(payload: EventJobPayload): Promise<void> {
    const dispatched = await this.transactions.run(async (manager) => {
      // The event and, for a claim's event, the claim's lock in one round trip; the catch-up below
      // is a later statement, so it sees every fan-out committed before the lock was granted.
      const [event]: EventRow[] = await manager.query(`${EVENT_SELECT_LOCKED} WHERE id = $1`, [
        payload.eventId,
      ]);
      if (!event) {
        this.logger.warn(`webhooks.event: event ${payload.eventId} does not exist; nothing to do`);
        return [];
      }
      let events = [event];
      if (event.claim_id) {
        events = await manager.query(
          `${EVENT_SELECT}
            WHERE claim_id = $1 AND id <= $2 AND type = ANY($3::text[])
              AND (id = $2 OR created_at > now() - ${CATCH_UP_WINDOW})
              AND NOT EXISTS (SELECT 1 FROM webhook_fanouts f WHERE f.event_id = events.id)
            ORDER BY id`,
          [event.claim_id, event.id, WEBHOOK_EVENT_TYPES],
        );
      }
      const chains = new Map<string, Chain>();
      for (const each of events) {
        for (const chain of await this.fanOut(manager, each))
          chains.set(`${chain.endpointId}/${chain.key}`, chain);
      }
      // The new heads go now, in this transaction; they are enqueued after its commit.
      return this.dispatcher.dispatchChains(manager, [...chains.values()]);
    });
    await this.dispatcher.enqueue(dispatched);
  }

  /** Records the fan-out of one event and inserts its messages; returns the chains they joined. */
  private async fanOut(manager: EntityManager, event: EventRow): Promise<Chain[]> {
    // Records the fan-out and finds the endpoints in one statement; none when it was recorded already.
    const endpoints: { id: string; tags: string[] }[] = await manager.query(
      `WITH recorded AS (
         INSERT INTO webhook_fanouts (event_id, claim_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id
       )
       SELECT w.id, w.tags FROM webhooks w, recorded
        WHERE w.active AND $3 = ANY(w.events) AND w.created_at <= $4`,
      [event.id, event.claim_id, event.type, event.created_at],
    );
    if (!endpoints.length) return [];
    // Webhooks serve newsrooms: they carry what the public may see of the event, or nothing.
    const visible = await this.visible(manager, event);
    if (!visible) return [];

    const claim = event.claim_id ? await this.claimView(event.claim_id) : null;
    const claimTags = new Set(claim?.tags ?? []);
    const matching = endpoints.filter(
      (endpoint) => !endpoint.tags.length || endpoint.tags.some((tag) => claimTags.has(tag)),
    );
    if (!matching.length) return [];

    const body = JSON.stringify({
      type: event.type,
      timestamp: event.created_at.toISOString(),
      data: {
        claim,
        // What this event changed, as recorded (the claim above may already be newer); for
        // `claim.published`, the published version itself.
        changes: visible.changes,
        actor: visible.actor,
      },
    });
    const inserted: { id: string; endpoint_id: string }[] = await manager.query(
      `INSERT INTO webhook_messages (msg_id, endpoint_id, event_id, claim_id, event_type, body, next_attempt_at)
       SELECT msg_id, endpoint_id, $3, $4, $5, $6, now()
         FROM unnest($1::text[], $2::uuid[]) AS target (msg_id, endpoint_id)
       ON CONFLICT (event_id, endpoint_id) DO NOTHING
       RETURNING id, endpoint_id`,
      [
        matching.map(() => newMessageId()),
        matching.map((endpoint) => endpoint.id),
        event.id,
        event.claim_id,
        event.type,
        body,
      ],
    );
    return inserted.map((row) => ({ endpointId: row.endpoint_id, key: event.claim_id ?? row.id }));
  }

  /** The event as the public may see it (claim-visibility.ts), or null when it is the desk's own. */
  private async visible(manager: EntityManager, event: EventRow): Promise<HistoryEntry | null> {
    const entry: HistoryEntry = {
      id: event.id,
      type: event.type as EventType,
      at: event.created_at.toISOString(),
      actor:
        event.actor_kind && event.actor_id
          ? { kind: event.actor_kind, id: event.actor_id, name: event.actor_name }
          : null,
      changes: event.payload,
    };
    if (!event.claim_id) return entry;
    const [visible] = await this.claims.visibleEvents(manager, event.claim_id, [entry]);
    return visible ?? null;
  }

  /** The claim as the API shows it now; null if it no longer exists. Reads in the open transaction. */
  private async claimView(claimId: string): Promise<ClaimView | null> {
    try {
      return await this.claims.get(claimId);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
}

const EVENT_COLUMNS = `id::text AS id, type, claim_id, actor_kind, actor_id, actor_name, payload, created_at`;
const EVENT_SELECT = `SELECT ${EVENT_COLUMNS} FROM events`;
const EVENT_SELECT_LOCKED = `SELECT ${EVENT_COLUMNS},
    CASE WHEN claim_id IS NOT NULL THEN pg_advisory_xact_lock(hashtextextended('webhooks:' || claim_id::text, 0)) END AS locked
  FROM events`;
