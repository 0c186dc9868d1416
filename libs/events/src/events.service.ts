import { Injectable } from '@nestjs/common';
import {
  decodeCursor,
  forgedCursor,
  GroupCommit,
  isEventId,
  Page,
  PageQuery,
  preparedQuery,
  Principal,
  toPage,
  TransactionService,
} from '@claimdesk/platform';
import { EntityManager, FindOptionsWhere, In, IsNull, LessThan, MoreThan } from 'typeorm';
import { DomainEvent } from './domain-event.entity';
import { AuditEventsQuery } from './dto/audit-events.query';
import { AuditEventView } from './dto/audit-event.view';
import { ACCOUNT_EVENT_TYPES, EventPayloads, EventType } from './event-types';

export interface HistoryEntry {
  id: string;
  type: EventType;
  at: string;
  actor: { kind: 'user' | 'api_key'; id: string; name: string | null } | null;
  changes: Record<string, unknown>;
}

/** Events read by one statement of findRelayed at most. */
const MAX_RELAYED_READ = 500;

/** What an outbox consumer reads of the event its job names. */
export type RelayedEvent = Pick<
  DomainEvent,
  'id' | 'type' | 'claimId' | 'actorKind' | 'actorId' | 'actorName' | 'payload' | 'createdAt'
>;

const RELAYED_SQL = `SELECT id::text AS id, type, claim_id AS "claimId", actor_kind AS "actorKind",
       actor_id AS "actorId", actor_name AS "actorName", payload, created_at AS "createdAt"
  FROM events WHERE id = ANY($1::bigint[])`;

const INSERT_EVENT = 'INSERT INTO events (type, claim_id, actor_kind, actor_id, actor_name, payload)';
const APPEND_SQL = `${INSERT_EVENT} VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`;

/** Who acted, as an event's actor columns store it. */
const actorValues = (actor: Principal | null | undefined): unknown[] => [
  actor?.kind ?? null,
  actor?.id ?? null,
  actor?.name ?? null,
];

/**
 * For a change written in one statement (which so needs no transaction of its own): the
 * `INSERT … SELECT` that appends an event for each row of the CTE `rows` (which returns the claim's
 * `id` and `version`), the payload given without the version and completed with the row's own. Its
 * parameters start at `$first`, in the order of `appendForRowsValues`.
 */
export function appendForRowsSql(rows: string, first: number): string {
  const at = (offset: number) => `$${first + offset}`;
  return `${INSERT_EVENT}
    SELECT ${at(0)}, ${rows}.id, ${at(1)}, ${at(2)}, ${at(3)},
           ${at(4)}::jsonb || jsonb_build_object('version', ${rows}.version)
      FROM ${rows}`;
}

/** appendForRowsSql's parameters: the event's type, who acted, and its payload but the version. */
export function appendForRowsValues<T extends EventType>(
  type: T,
  actor: Principal | null | undefined,
  payload: Omit<EventPayloads[T], 'version'>,
): unknown[] {
  return [type, ...actorValues(actor), JSON.stringify(payload)];
}

@Injectable()
export class EventsService {
  /**
   * The outbox's consumers each read the event their job names. A burst relays hundreds at once,
   * so the look-ups that arrive while one statement runs are answered together by the next.
   */
  private readonly relayed = new GroupCommit<string, RelayedEvent | null>(async (ids) => {
    const found = await preparedQuery<RelayedEvent>(
      this.transactions.manager,
      'events-relayed',
      RELAYED_SQL,
      [ids],
    );
    const byId = new Map(found.map((event) => [event.id, event]));
    return ids.map((id) => byId.get(id) ?? null);
  }, MAX_RELAYED_READ);

  constructor(private readonly transactions: TransactionService) {}

  /** The event an outbox job names, read outside any transaction; null when no such event exists. */
  findRelayed(eventId: string): Promise<RelayedEvent | null> {
    // Checked here so that one malformed id fails its own job, not the statement it would share.
    if (!isEventId(eventId)) return Promise.reject(new Error(`not an event id: ${JSON.stringify(eventId)}`));
    return this.relayed.add(eventId);
  }

  /**
   * Appends an event inside the caller's transaction; the change and its event commit together.
   * The payload is exactly the one `EventPayloads` gives its type. Every write appends one, so it is
   * a prepared statement (parsed once per connection) rather than an entity save, which merged the
   * entity and called the subscribers on each append.
   */
  async append<T extends EventType>(
    manager: EntityManager,
    type: T,
    claimId: string | null,
    actor: Principal | null | undefined,
    payload: EventPayloads[T],
  ): Promise<{ id: string }> {
    const [row] = await preparedQuery<{ id: string }>(manager, 'event-append', APPEND_SQL, [
      type,
      claimId,
      ...actorValues(actor),
      JSON.stringify(payload),
    ]);
    return row;
  }

  /** The claim's most recent event of this type (read in the caller's transaction), or null. */
  async latestOfType(manager: EntityManager, claimId: string, type: EventType): Promise<HistoryEntry | null> {
    const row = await manager
      .getRepository(DomainEvent)
      .findOne({ where: { claimId, type }, order: { id: 'DESC' } });
    return row ? toHistoryEntry(row) : null;
  }

  /**
   * A claim's events, oldest first, keyset-paged on the event id: ids only grow, so events appended
   * while a reader walks the pages land after its cursor and never shift or repeat a page. Served by
   * `events_claim_idx (claim_id, id)`.
   */
  async history(
    claimId: string,
    query: PageQuery,
    types?: readonly EventType[],
  ): Promise<Page<HistoryEntry>> {
    const where: FindOptionsWhere<DomainEvent> = { claimId, ...(types ? { type: In([...types]) } : {}) };
    if (query.cursor) where.id = MoreThan(afterId(query.cursor));
    const rows = await this.transactions.manager
      .getRepository(DomainEvent)
      .find({ where, order: { id: 'ASC' }, take: query.limit + 1 });
    return toPage(rows, query.limit, (row) => [row.id], toHistoryEntry);
  }

  /**
   * Changes to accounts (users, API keys), newest first, keyset-paged on the event id. They have no
   * claim, so `events_unclaimed_idx` serves the walk without touching the claim events.
   */
  async accountEvents(query: AuditEventsQuery): Promise<Page<AuditEventView>> {
    const where: FindOptionsWhere<DomainEvent> = {
      claimId: IsNull(),
      type: query.type ?? In([...ACCOUNT_EVENT_TYPES]),
    };
    if (query.cursor) where.id = LessThan(afterId(query.cursor));
    const rows = await this.transactions.manager
      .getRepository(DomainEvent)
      .find({ where, order: { id: 'DESC' }, take: query.limit + 1 });
    return toPage(
      rows,
      query.limit,
      (row) => [row.id],
      (row) => toHistoryEntry(row) as AuditEventView,
    );
  }
}

const MAX_BIGINT = 9223372036854775807n;

/** The last id of the previous page (either direction); anything but a bigint in digits would reach SQL as a 500. */
function afterId(cursor: string): string {
  const [id] = decodeCursor(cursor, 1);
  if (typeof id === 'string' && /^\d{1,19}$/.test(id) && BigInt(id) <= MAX_BIGINT) return id;
  throw forgedCursor();
}

function toHistoryEntry(row: DomainEvent): HistoryEntry {
  return {
    id: row.id,
    type: row.type as EventType,
    at: row.createdAt.toISOString(),
    actor:
      row.actorKind && row.actorId ? { kind: row.actorKind, id: row.actorId, name: row.actorName } : null,
    changes: row.payload,
  };
}
