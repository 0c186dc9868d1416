import { Injectable, Logger } from '@nestjs/common';
import { EventsService } from '@claimdesk/events';
import {
  AppConfig,
  GroupCommit,
  JobQueue,
  preparedQuery,
  ReviewTimerPayload,
  TransactionService,
} from '@claimdesk/platform';
import { ClaimStatus, TIMED_STATUSES } from '@claimdesk/workflow';

export type ReviewTimerKind = 'due_soon' | 'overdue';

const TIMER_JOB = { due_soon: 'review.due_soon', overdue: 'review.overdue' } as const;
const TIMER_EVENT = { due_soon: 'claim.due_soon', overdue: 'claim.overdue' } as const;

// Timers count only in TIMED_STATUSES (from the workflow table): once the review is submitted
// (`in_approval`) the clock is the editors' business, so timers firing then do nothing.

/**
 * A due date as the timers compare it: ISO 8601 in UTC, to the millisecond. PostgreSQL keeps
 * microseconds, so SQL renders the column with this same shape instead of comparing Dates.
 */
const DUE_AT_SQL = `to_char(date_trunc('milliseconds', c.due_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Claims whose timers one statement of `sync` reads at most. */
const MAX_TIMED_READ = 500;

interface TimedAssignment {
  assignment_id: string;
  due_at: string;
}

const TIMED_SQL = `SELECT c.id::text AS claim_id, a.id AS assignment_id, ${DUE_AT_SQL} AS due_at
  FROM claims c
  JOIN assignments a ON a.claim_id = c.id AND a.ended_at IS NULL
 WHERE c.id = ANY($1::uuid[]) AND c.due_at IS NOT NULL AND c.status = ANY($2::text[])`;

/** What a timer did when it fired, for logs and tests. */
export type ReviewTimerOutcome =
  | 'written'
  | 'claim_missing'
  | 'claim_moved_on'
  | 'assignment_changed'
  | 'due_date_changed'
  | 'already_written';

export interface ScheduledReviewTimers {
  assignmentId: string;
  dueAt: string;
  /** The jobs set, by kind; a due-soon reminder is not set once it would be pointless. */
  kinds: ReviewTimerKind[];
}

/**
 * Due-date timers of assignments. `sync` sets (or re-sets) the timers of a claim's current
 * assignment and due date as BullMQ delayed jobs; `fire` runs when one comes due and records
 * `claim.due_soon` / `claim.overdue` if, and only if, the claim is still in that state.
 *
 * Job ids derive from (assignment, due date), so setting the same timers twice stores them once,
 * while a new assignee or a new due date gets timers of its own. Old timers are never hunted down:
 * when they fire they find the assignment or the date changed and do nothing. The database is the
 * dedupe that matters: at most one event per (kind, assignment, due date), checked under the
 * claim's row lock, so a replayed or retried timer writes nothing twice.
 */
@Injectable()
export class ReviewTimers {
  private readonly logger = new Logger(ReviewTimers.name);
  /** Every claim event syncs its claim's timers: a burst's reads are answered a group per statement. */
  private readonly timed = new GroupCommit<string, TimedAssignment | undefined>(
    (claimIds) => this.readTimed(claimIds),
    MAX_TIMED_READ,
  );

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Sets the timers for the claim as it is now (not as some event said it was), so an event
   * handled late or twice still schedules the right thing. Returns null when the claim has no
   * open assignment with a due date in a timed status.
   */
  async sync(claimId: string): Promise<ScheduledReviewTimers | null> {
    const row = await this.timed.add(claimId);
    if (!row) return null;
    const payload: ReviewTimerPayload = { claimId, assignmentId: row.assignment_id, dueAt: row.due_at };
    const due = Date.parse(row.due_at);
    const kinds: ReviewTimerKind[] = ['overdue'];
    const lead = this.config.REVIEW_DUE_SOON_LEAD_MS;
    // A reminder after the due date is noise: the overdue timer fires (at once) instead.
    if (lead > 0 && due > Date.now()) kinds.unshift('due_soon');
    for (const kind of kinds) {
      const runAt = new Date(kind === 'due_soon' ? due - lead : due);
      await this.jobs.add(TIMER_JOB[kind], payload, runAt);
    }
    return { assignmentId: row.assignment_id, dueAt: row.due_at, kinds };
  }

  /** Each claim's open assignment and due date while it is in a timed status, read outside any transaction. */
  private async readTimed(claimIds: readonly string[]): Promise<(TimedAssignment | undefined)[]> {
    const rows = await preparedQuery<TimedAssignment & { claim_id: string }>(
      this.transactions.manager,
      'review-timed-assignments',
      TIMED_SQL,
      [claimIds, TIMED_STATUSES],
    );
    const byClaim = new Map(rows.map((row) => [row.claim_id, row]));
    return claimIds.map((claimId) => byClaim.get(claimId));
  }

  /** Runs a timer that came due; see the class comment for when it writes its event. */
  async fire(kind: ReviewTimerKind, payload: ReviewTimerPayload): Promise<ReviewTimerOutcome> {
    const dueAt = new Date(payload.dueAt).toISOString();
    const outcome = await this.transactions.run(async (manager): Promise<ReviewTimerOutcome> => {
      // The row lock orders this against workflow actions and against a second copy of this timer.
      const [claim]: { status: ClaimStatus; due_at: string | null }[] = await manager.query(
        `SELECT c.status, ${DUE_AT_SQL} AS due_at FROM claims c WHERE c.id = $1 FOR UPDATE`,
        [payload.claimId],
      );
      if (!claim) return 'claim_missing';
      if (!TIMED_STATUSES.includes(claim.status)) return 'claim_moved_on';
      const [open]: { id: string; assignee_id: string }[] = await manager.query(
        `SELECT id, assignee_id FROM assignments WHERE claim_id = $1 AND ended_at IS NULL`,
        [payload.claimId],
      );
      if (!open || open.id !== payload.assignmentId) return 'assignment_changed';
      if (claim.due_at !== dueAt) return 'due_date_changed';
      const type = TIMER_EVENT[kind];
      const [written]: unknown[] = await manager.query(
        `SELECT 1 FROM events
          WHERE claim_id = $1 AND type = $2 AND payload->>'assignmentId' = $3 AND payload->>'dueAt' = $4
          LIMIT 1`,
        [payload.claimId, type, payload.assignmentId, dueAt],
      );
      if (written) return 'already_written';
      await this.events.append(manager, type, payload.claimId, null, {
        assignmentId: open.id,
        assigneeId: open.assignee_id,
        dueAt,
      });
      return 'written';
    });
    this.logger.debug(`review.${kind} for assignment ${payload.assignmentId} (due ${dueAt}): ${outcome}`);
    return outcome;
  }
}
