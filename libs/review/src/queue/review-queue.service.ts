import { Injectable } from '@nestjs/common';
import { ClaimsService, ClaimStatus, ClaimView, EvidenceStatus, Priority } from '@claimdesk/claims';
import { EventsService } from '@claimdesk/events';
import { Page, Principal, TransactionService } from '@claimdesk/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  ASSIGNED_STATUSES,
  decide,
  OPEN_STATUSES,
  TAKEABLE_STATUSES,
  workflowActor,
  workflowRefusal,
} from '@claimdesk/workflow';
import { assignClaim } from './assign-claim';
import { QueueScope, ReviewQueueQuery } from './dto/review-queue.query';
import {
  AssigneeWorkloadView,
  ReviewQueueItemView,
  ReviewQueueStatsView,
  StatusCountsView,
} from './dto/review-queue.view';
import { decodeQueueCursor, encodeQueueCursor, QueuePosition } from './queue-cursor';

// The status groups come from the workflow table (libs/workflow); the partial indexes
// `claims_queue_assigned_idx` / `claims_queue_unassigned_idx` were written for exactly these lists,
// and a unit test there pins them, so a rule change that moves a group shows up as a failing test.
const inList = (statuses: readonly string[]) => statuses.map((status) => `'${status}'`).join(', ');
/** `= 'x'` for one status (the form the partial index predicate uses), `IN (…)` for several. */
const statusIs = (statuses: readonly string[]) =>
  statuses.length === 1 ? `= '${statuses[0]}'` : `IN (${inList(statuses)})`;

/**
 * Each scope's condition. They repeat the partial indexes' predicates word for word so the planner
 * can prove the index applies: `unassigned` → claims_queue_unassigned_idx, `mine` →
 * claims_queue_assigned_idx (assignee first, then the queue order), `overdue` → claims_queue_due_idx
 * (`due_at < now()` implies its `due_at IS NOT NULL`). `all` has no index in queue order (it spans
 * both partial indexes); open work is a small slice of all claims, so it is read and top-N sorted.
 */
const SCOPE_CONDITION: Record<Exclude<QueueScope, 'mine'>, string> & { mine: (me: string) => string } = {
  mine: (me) => `c.assignee_id = ${me}::uuid AND c.status IN (${inList(ASSIGNED_STATUSES)})`,
  unassigned: `c.status ${statusIs(TAKEABLE_STATUSES)} AND c.assignee_id IS NULL`,
  overdue: `c.due_at < now() AND c.status IN (${inList(OPEN_STATUSES)})`,
  all: `c.status IN (${inList(OPEN_STATUSES)})`,
};

/** Scopes whose index is in queue order (after the scope's equality columns). */
const INDEX_ORDERED: ReadonlySet<QueueScope> = new Set(['mine', 'unassigned']);

/** The queue order; the two queue indexes end in these columns in this order. */
const QUEUE_ORDER = `priority_rank, due_at NULLS LAST, created_at, id`;

const TIME_US = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const QUEUE_COLUMNS = `c.id, c.text, c.status, c.priority, c.priority_rank, c.due_at, c.tags, c.assignee_id,
  c.evidence_status, c.created_at, c.version, (c.due_at < now()) IS TRUE AS overdue,
  ${TIME_US('c.due_at')} AS due_cursor, ${TIME_US('c.created_at')} AS created_cursor`;

interface PickedClaim {
  id: string;
  status: ClaimStatus;
  assignee_id: string | null;
}

interface QueueRow {
  id: string;
  text: string;
  status: ClaimStatus;
  priority: Priority;
  priority_rank: number;
  due_at: Date | null;
  tags: string[];
  assignee_id: string | null;
  evidence_status: EvidenceStatus;
  created_at: Date;
  version: number;
  overdue: boolean;
  due_cursor: string | null;
  created_cursor: string;
}

function toItem(row: QueueRow): ReviewQueueItemView {
  return {
    id: row.id,
    text: row.text,
    status: row.status,
    priority: row.priority,
    dueAt: row.due_at?.toISOString() ?? null,
    tags: row.tags,
    assigneeId: row.assignee_id,
    evidenceStatus: row.evidence_status,
    createdAt: row.created_at.toISOString(),
    overdue: row.overdue,
    version: row.version,
  };
}

/**
 * The rows after `position` in queue order, as disjoint ranges that are each one contiguous slice
 * of the queue indexes. A single row comparison cannot express "after" here: `due_at` is nullable
 * and sorts last, and `(rank, due_at, …) > (…)` is null, not true, for rows without a due date.
 */
function rangesAfter(position: QueuePosition, bind: (value: unknown) => string): string[] {
  const rank = bind(position.priorityRank);
  const created = `${bind(position.createdAt)}::timestamptz`;
  const id = `${bind(position.id)}::uuid`;
  const laterRanks = `c.priority_rank > ${rank}`;
  if (position.dueAt === null) {
    return [
      `c.priority_rank = ${rank} AND c.due_at IS NULL AND (c.created_at, c.id) > (${created}, ${id})`,
      laterRanks,
    ];
  }
  const due = `${bind(position.dueAt)}::timestamptz`;
  return [
    `c.priority_rank = ${rank} AND (c.due_at, c.created_at, c.id) > (${due}, ${created}, ${id})`,
    `c.priority_rank = ${rank} AND c.due_at IS NULL`,
    laterRanks,
  ];
}

@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly claims: ClaimsService,
  ) {}

  /** One page of the queue: urgent first, then earliest due date (none last), then oldest, then id. */
  async list(query: ReviewQueueQuery, principal: Principal): Promise<Page<ReviewQueueItemView>> {
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const scope =
      query.scope === 'mine' ? SCOPE_CONDITION.mine(bind(principal.id)) : SCOPE_CONDITION[query.scope];
    const fetch = query.limit + 1;
    let sql: string;
    if (!query.cursor) {
      sql = `SELECT ${QUEUE_COLUMNS} FROM claims c WHERE ${scope} ORDER BY ${QUEUE_ORDER} LIMIT ${bind(fetch)}`;
    } else {
      const position = decodeQueueCursor(query.cursor, query.scope);
      const limit = bind(fetch);
      const ranges = rangesAfter(position, bind);
      if (INDEX_ORDERED.has(query.scope)) {
        // Each range reads at most one page from its own slice of the index; the outer merge
        // orders at most three pages' worth of rows, however deep into the queue the cursor is.
        const parts = ranges.map(
          (range) =>
            `(SELECT ${QUEUE_COLUMNS} FROM claims c WHERE ${scope} AND ${range} ORDER BY ${QUEUE_ORDER} LIMIT ${limit})`,
        );
        sql = `SELECT * FROM (${parts.join(' UNION ALL ')}) q ORDER BY ${QUEUE_ORDER} LIMIT ${limit}`;
      } else {
        // No index in queue order to slice: one pass over the scope's rows, top-N sorted.
        sql = `SELECT ${QUEUE_COLUMNS} FROM claims c WHERE ${scope} AND ((${ranges.join(') OR (')}))
                ORDER BY ${QUEUE_ORDER} LIMIT ${limit}`;
      }
    }
    const rows: QueueRow[] = await this.transactions.manager.query(sql, params);
    const more = rows.length > query.limit;
    const shown = more ? rows.slice(0, query.limit) : rows;
    const last = shown[shown.length - 1];
    return {
      items: shown.map(toItem),
      nextCursor:
        more && last
          ? encodeQueueCursor({
              scope: query.scope,
              priorityRank: last.priority_rank,
              dueAt: last.due_cursor,
              createdAt: last.created_cursor,
              id: last.id,
            })
          : null,
    };
  }

  /**
   * Takes the next unassigned triaged claim for the caller and assigns it to them, or returns null
   * when there is none. `SKIP LOCKED` makes concurrent callers pass over a claim another caller is
   * taking instead of queueing behind it, so each gets a different claim and nobody waits.
   */
  async next(principal: Principal): Promise<ClaimView | null> {
    return this.transactions.run(async (manager) => {
      const picked = await this.pickNext(manager, await this.expertiseOf(manager, principal));
      if (!picked) return null;
      const { id } = picked;
      // The pick already matches `take`'s statuses and guard; asking the table keeps who may take it there.
      const decision = decide(
        'take',
        { status: picked.status, assigneeId: picked.assignee_id, submittedById: null },
        workflowActor(principal),
      );
      if (!decision.ok) {
        throw workflowRefusal('take', decision, { status: picked.status, assigneeId: picked.assignee_id });
      }
      await assignClaim(manager, this.claims, this.events, id, principal.id, principal, {
        step: 'take',
        to: decision.to,
      });
      return this.claims.load(manager, id, principal);
    });
  }

  /** Counts for the dashboard, read in one snapshot so they add up. */
  async stats(): Promise<ReviewQueueStatsView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const statusRows: { status: ClaimStatus; count: number }[] = await manager.query(
        `SELECT status, count(*)::int AS count FROM claims GROUP BY status`,
      );
      const [totals]: { overdue: number; unassigned: number; now: Date }[] = await manager.query(
        `SELECT (SELECT count(*)::int FROM claims c WHERE ${SCOPE_CONDITION.overdue}) AS overdue,
                (SELECT count(*)::int FROM claims c WHERE ${SCOPE_CONDITION.unassigned}) AS unassigned,
                now() AS now`,
      );
      const assignees: AssigneeWorkloadView[] = await manager.query(
        `SELECT c.assignee_id AS "assigneeId", u.name, u.handle,
                count(*) FILTER (WHERE c.status = 'assigned')::int AS assigned,
                count(*) FILTER (WHERE c.status = 'in_review')::int AS "inReview",
                count(*) FILTER (WHERE c.status = 'in_approval')::int AS "inApproval",
                count(*) FILTER (WHERE c.due_at < now())::int AS overdue
           FROM claims c JOIN users u ON u.id = c.assignee_id
          WHERE c.status IN (${inList(ASSIGNED_STATUSES)}) AND c.assignee_id IS NOT NULL
          GROUP BY c.assignee_id, u.name, u.handle
          ORDER BY u.name, c.assignee_id`,
      );
      const byStatus: StatusCountsView = {
        submitted: 0,
        triaged: 0,
        assigned: 0,
        in_review: 0,
        in_approval: 0,
        published: 0,
        dismissed: 0,
      };
      for (const row of statusRows) byStatus[row.status] = row.count;
      return {
        byStatus,
        overdue: totals.overdue,
        unassigned: totals.unassigned,
        assignees,
        generatedAt: totals.now.toISOString(),
      };
    });
  }

  private async expertiseOf(manager: EntityManager, principal: Principal): Promise<string[]> {
    const [user]: { expertise: string[] }[] = await manager.query(
      `SELECT expertise FROM users WHERE id = $1`,
      [principal.id],
    );
    return user?.expertise ?? [];
  }

  /**
   * The claim `next` hands out: by the queue order, but claims tagged with the caller's expertise
   * first. Written as two index-ordered look-ups rather than `ORDER BY (tags && expertise) DESC, …`:
   * same answer, but each stops at the first unlocked row of claims_queue_unassigned_idx instead of
   * sorting every unassigned claim.
   */
  private async pickNext(manager: EntityManager, expertise: string[]): Promise<PickedClaim | null> {
    const pick = async (matching: boolean): Promise<PickedClaim | null> => {
      const [row]: PickedClaim[] = await manager.query(
        `SELECT c.id, c.status, c.assignee_id FROM claims c
          WHERE ${SCOPE_CONDITION.unassigned} ${matching ? 'AND c.tags && $1::text[]' : ''}
          ORDER BY ${QUEUE_ORDER}
          LIMIT 1
          FOR UPDATE SKIP LOCKED`,
        matching ? [expertise] : [],
      );
      return row ?? null;
    };
    return (expertise.length > 0 ? await pick(true) : null) ?? (await pick(false));
  }
}
