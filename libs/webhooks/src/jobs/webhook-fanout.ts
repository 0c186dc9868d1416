import { Injectable } from '@nestjs/common';
import { ClaimsService } from '@claimdesk/claims';
import { preparedQuery, TransactionService } from '@claimdesk/platform';
import type { EventType, HistoryEntry } from '@claimdesk/events';
import { EntityManager } from 'typeorm';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-types';
import { newMessageId } from '../webhooks.service';
import { Chain, WebhookDispatcher } from './webhook-dispatcher';

/** Earlier events of a claim older than this are history, not a fan-out to catch up on. */
const CATCH_UP_WINDOW = `interval '1 day'`;

/** record's statement: $1 the events asked for, $2 the event types webhooks carry. */
const RECORD_FANOUT_SQL = `WITH requested AS (
  SELECT id, claim_id FROM events WHERE id = ANY($1::bigint[])
), candidates AS (
  SELECT id FROM requested
  UNION
  SELECT e.id
    FROM (SELECT claim_id, max(id) AS last FROM requested WHERE claim_id IS NOT NULL GROUP BY claim_id) c
    JOIN events e ON e.claim_id = c.claim_id AND e.id < c.last AND e.created_at > now() - ${CATCH_UP_WINDOW}
), picked AS (
  SELECT e.id, e.type, e.claim_id, e.actor_kind, e.actor_id, e.actor_name, e.payload, e.created_at
    FROM events e JOIN candidates USING (id)
   WHERE e.type = ANY($2::text[])
     AND NOT EXISTS (SELECT 1 FROM webhook_fanouts f WHERE f.event_id = e.id)
), recorded AS (
  INSERT INTO webhook_fanouts (event_id, claim_id) SELECT id, claim_id FROM picked
  ON CONFLICT DO NOTHING RETURNING event_id
)
SELECT picked.id::text AS id, type, claim_id, actor_kind, actor_id, actor_name, payload, created_at
  FROM picked JOIN recorded ON recorded.event_id = picked.id
 ORDER BY picked.id`;

/** Inserts one message per (msg id, endpoint, event, body) of the arrays $1..$4; returns the new ones. */
const INSERT_MESSAGES_SQL = `INSERT INTO webhook_messages (msg_id, endpoint_id, event_id, claim_id, event_type, body, next_attempt_at)
SELECT target.msg_id, target.endpoint_id, e.id, e.claim_id, e.type, target.body, now()
  FROM unnest($1::text[], $2::uuid[], $3::bigint[], $4::text[]) AS target (msg_id, endpoint_id, event_id, body)
  JOIN events e ON e.id = target.event_id
ON CONFLICT (event_id, endpoint_id) DO NOTHING
RETURNING id, endpoint_id, claim_id`;

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

interface EndpointRow {
  id: string;
  tags: string[];
  events: string[];
  created_at: Date;
}

/**
 * The fan-out of several relayed domain events at once: one message per (event, matching endpoint).
 *
 * An endpoint matches when it is active, subscribes to the event type, existed when the event
 * happened, and (if it has a tag filter) the claim carries one of its tags. The body is built here
 * once, `{type, timestamp, data: {claim, changes, actor}}` with the claim as `GET /v1/claims/:id`
 * shows it at fan-out time (which may be a little after the event: `changes` is the event's own
 * record), and stored, so every attempt sends the same bytes under the same `webhook-id`.
 *
 * Per-claim order needs every earlier event of a claim fanned out before a later one: the relay's
 * jobs run concurrently and may finish out of order. So under the advisory lock of each claim
 * concerned (taken in claim order, so two passes cannot deadlock), a pass also fans out every
 * earlier event of those claims that has no fan-out record yet (webhook_fanouts), oldest first.
 * Whichever pass runs first does the work; later ones find the records and skip those events.
 * Recording the events, inserting every message and dispatching the new chain heads take one
 * statement each for the whole pass, the claims' views one more, all in one transaction; the
 * heads are enqueued after its commit. Delivery order then follows event ids (webhook-dispatcher.ts).
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    private readonly transactions: TransactionService,
    private readonly claims: ClaimsService,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /** Fans out the given events (ids) and what they need first; returns how many events it fanned out. */
  async run(eventIds: readonly string[]): Promise<number> {
    const { fanned, dispatched } = await this.transactions.run(async (manager) => {
      // A statement of its own: the next one, taken after the locks, sees every fan-out committed before them.
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('webhooks:' || claim_id::text, 0))
           FROM (SELECT DISTINCT claim_id FROM events
                  WHERE id = ANY($1::bigint[]) AND claim_id IS NOT NULL ORDER BY claim_id) AS claims`,
        [eventIds],
      );
      const events = await this.record(manager, eventIds);
      if (!events.length) return { fanned: 0, dispatched: [] };
      const chains = await this.insertMessages(manager, events);
      return { fanned: events.length, dispatched: await this.dispatcher.dispatchChains(manager, chains) };
    });
    await this.dispatcher.enqueue(dispatched);
    return fanned;
  }

  /** Records the fan-out of the events and of the earlier ones of their claims not yet fanned out; returns those, oldest first. */
  private record(manager: EntityManager, eventIds: readonly string[]): Promise<EventRow[]> {
    return preparedQuery<EventRow>(manager, 'webhook-fanout-record', RECORD_FANOUT_SQL, [
      eventIds,
      WEBHOOK_EVENT_TYPES,
    ]);
  }

  /** Inserts the messages of the events, oldest event first; returns the chains they joined. */
  private async insertMessages(manager: EntityManager, events: readonly EventRow[]): Promise<Chain[]> {
    const endpoints: EndpointRow[] = await manager.query(
      `SELECT id, tags, events, created_at FROM webhooks WHERE active AND events && $1::text[]`,
      [[...new Set(events.map((event) => event.type))]],
    );
    if (!endpoints.length) return [];
    const visible = await this.visible(manager, events);
    const wanted = events.flatMap((event) => {
      // Webhooks serve newsrooms: they carry what the public may see of the event, or nothing.
      const entry = visible.get(event.id);
      const subscribed = endpoints.filter(
        (endpoint) => endpoint.events.includes(event.type) && endpoint.created_at <= event.created_at,
      );
      return entry && subscribed.length ? [{ event, entry, subscribed }] : [];
    });
    // Each claim as the API shows it now (a claim deleted since is null), one statement for all.
    const claims = await this.claims.loadMany(manager, [
      ...new Set(wanted.flatMap(({ event }) => (event.claim_id ? [event.claim_id] : []))),
    ]);
    const messages = { msgIds: [] as string[], endpointIds: [] as string[], eventIds: [] as string[] };
    const bodies: string[] = [];
    for (const { event, entry, subscribed } of wanted) {
      const claim = (event.claim_id && claims.get(event.claim_id)) || null;
      const claimTags = new Set(claim?.tags ?? []);
      const matching = subscribed.filter(
        (endpoint) => !endpoint.tags.length || endpoint.tags.some((tag) => claimTags.has(tag)),
      );
      if (!matching.length) continue;
      const body = JSON.stringify({
        type: event.type,
        timestamp: event.created_at.toISOString(),
        data: {
          claim,
          // What this event changed, as recorded (the claim above may already be newer); for
          // `claim.published`, the published version itself.
          changes: entry.changes,
          actor: entry.actor,
        },
      });
      for (const endpoint of matching) {
        messages.msgIds.push(newMessageId());
        messages.endpointIds.push(endpoint.id);
        messages.eventIds.push(event.id);
        bodies.push(body);
      }
    }
    if (!bodies.length) return [];
    const inserted = await preparedQuery<{ id: string; endpoint_id: string; claim_id: string | null }>(
      manager,
      'webhook-fanout-insert',
      INSERT_MESSAGES_SQL,
      [messages.msgIds, messages.endpointIds, messages.eventIds, bodies],
    );
    const chains = new Map<string, Chain>();
    for (const row of inserted) {
      const chain = { endpointId: row.endpoint_id, key: row.claim_id ?? row.id };
      chains.set(`${chain.endpointId}/${chain.key}`, chain);
    }
    return [...chains.values()];
  }

  /** The events as the public may see them (claim-visibility.ts), by id; the desk's own are left out. */
  private async visible(
    manager: EntityManager,
    events: readonly EventRow[],
  ): Promise<Map<string, HistoryEntry>> {
    const byClaim = new Map<string | null, HistoryEntry[]>();
    for (const event of events) {
      const entries = byClaim.get(event.claim_id) ?? [];
      entries.push({
        id: event.id,
        type: event.type as EventType,
        at: event.created_at.toISOString(),
        actor:
          event.actor_kind && event.actor_id
            ? { kind: event.actor_kind, id: event.actor_id, name: event.actor_name }
            : null,
        changes: event.payload,
      });
      byClaim.set(event.claim_id, entries);
    }
    const visible = new Map<string, HistoryEntry>();
    for (const [claimId, entries] of byClaim) {
      const seen = claimId ? await this.claims.visibleEvents(manager, claimId, entries) : entries;
      for (const entry of seen) visible.set(entry.id, entry);
    }
    return visible;
  }
}
