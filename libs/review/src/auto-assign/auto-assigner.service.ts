import { Injectable, Logger } from '@nestjs/common';
import { ClaimsService } from '@claimdesk/claims';
import { EventsService } from '@claimdesk/events';
import { AppConfig, NotFoundError, TransactionService } from '@claimdesk/platform';
import { assignClaim } from '../queue/assign-claim';
import { decide, SYSTEM_ACTOR } from '@claimdesk/workflow';

/**
 * Serialises auto-assignments (a transaction-scoped advisory lock), so two claims triaged at the
 * same moment see each other's assignment when they count workload. The number is arbitrary but
 * fixed: "claimdesk auto-assign".
 */
const AUTO_ASSIGN_LOCK = 0x6a17_a551;

/**
 * Gives each triaged claim to a fact-checker when REVIEW_AUTO_ASSIGN is on: an active user with
 * the `fact_checker` role whose expertise shares a tag with the claim, with the fewest open
 * assignments, then the fewest assignments ever, then the lowest id (so the choice is stable).
 * Without a match the claim stays in the unassigned queue for a person to take.
 *
 * The assignment itself goes through `assignClaim`, the same function the `assign` action and
 * the queue's `next` use, with no principal (the event's actor is empty, `auto: true`).
 */
@Injectable()
export class AutoAssigner {
  private readonly logger = new Logger(AutoAssigner.name);

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly claims: ClaimsService,
  ) {}

  get enabled(): boolean {
    return this.config.REVIEW_AUTO_ASSIGN;
  }

  /** Assigns the claim if it is still triaged and unassigned and someone matches; returns the assignee's id. */
  async assign(claimId: string): Promise<string | null> {
    if (!this.enabled) return null;
    const assigneeId = await this.transactions.run(async (manager) => {
      const claim = await this.claims
        .forWorkflow(manager, claimId, { lock: true })
        .catch((error: unknown) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        });
      if (!claim) return null;
      const decision = decide(
        'auto_assign',
        { status: claim.status, assigneeId: claim.assigneeId, submittedById: null },
        SYSTEM_ACTOR,
      );
      // Someone took it (or an editor acted on it) between the triage and this job: leave it be.
      if (!decision.ok || claim.tags.length === 0) return null;
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [AUTO_ASSIGN_LOCK]);
      const [pick]: { id: string }[] = await manager.query(
        `SELECT u.id
           FROM users u
           LEFT JOIN LATERAL (
             SELECT count(*) FILTER (WHERE a.ended_at IS NULL) AS open, count(*) AS total
               FROM assignments a WHERE a.assignee_id = u.id
           ) load ON true
          WHERE u.active AND 'fact_checker' = ANY (u.roles) AND u.expertise && $1::text[]
          ORDER BY load.open, load.total, u.id
          LIMIT 1`,
        [claim.tags],
      );
      if (!pick) return null;
      await assignClaim(manager, this.claims, this.events, claimId, pick.id, null, {
        step: 'auto_assign',
        to: decision.to,
      });
      return pick.id;
    });
    this.logger.debug(
      assigneeId ? `auto-assigned claim ${claimId} to ${assigneeId}` : `claim ${claimId} left in the queue`,
    );
    return assigneeId;
  }
}
