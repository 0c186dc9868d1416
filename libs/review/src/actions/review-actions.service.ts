import { Injectable } from '@nestjs/common';
import { UsersService } from '@claimdesk/auth';
import {
  ClaimsService,
  ClaimView,
  EvidenceStatus,
  Priority,
  REVIEW_COLUMNS,
  ReviewRow,
} from '@claimdesk/claims';
import { EventsService } from '@claimdesk/events';
import {
  assertIfMatch,
  notFound,
  Principal,
  ProblemException,
  Role,
  TransactionService,
} from '@claimdesk/platform';
import { PublicationsService } from '@claimdesk/publications';
import { EntityManager } from 'typeorm';
import { assignClaim } from '../queue/assign-claim';
import { ClaimStatus, decide, WORKFLOW, WorkflowAction } from '@claimdesk/workflow';
import { AssignClaimDto } from './dto/assign-claim.dto';
import { DismissClaimDto } from './dto/dismiss-claim.dto';
import { ReopenClaimDto } from './dto/reopen-claim.dto';
import { SendBackDto } from './dto/send-back.dto';
import { SubmitReviewDto } from './dto/submit-review.dto';
import { TriageClaimDto } from './dto/triage-claim.dto';
import { publicationSnapshot } from './publication-snapshot';
import { workflowProblem } from './workflow-problems';

/** The claim columns the workflow reads, locked for the length of the action. */
interface LockedClaim {
  id: string;
  status: ClaimStatus;
  assignee_id: string | null;
  due_at: Date | null;
  priority: Priority;
  evidence_status: EvidenceStatus;
  version: number;
}

interface UpdatedClaim {
  version: number;
  priority: Priority;
  due_at: Date | null;
  evidence_status: EvidenceStatus;
}

/** The columns an action may set on `claims`; names are ours, never the client's. */
type ClaimChanges = Partial<
  Record<'status' | 'priority' | 'due_at' | 'assignee_id' | 'evidence_status' | 'verdict', unknown>
>;

interface ActionContext {
  manager: EntityManager;
  claim: LockedClaim;
  /** The review awaiting an editor (only while the claim is `in_approval`). */
  pending: ReviewRow | undefined;
  to: ClaimStatus;
}

/**
 * Who can be given a claim: whoever may both start and submit a review once it is theirs (the
 * `assignee` guard then narrows those actions to that one person). Read from the table, so a role
 * that gains the right to review becomes assignable without touching this file.
 */
export const ASSIGNABLE_ROLES: readonly Role[] = WORKFLOW.start.roles.filter((role) =>
  WORKFLOW.submit.roles.includes(role),
);

/** TypeORM answers UPDATE … RETURNING with `[rows, affected]` and INSERT … RETURNING with the rows. */
function rowsOf<T>(result: T[] | [T[], number]): T[] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number'
    ? (result[0] as T[])
    : (result as T[]);
}

/**
 * The review workflow's eight actions. Each runs in one transaction: lock the claim row (so two
 * actions on one claim are serialised and the second sees the first's outcome), honour `If-Match`,
 * ask the workflow table whether the caller may act (`decide()`), then change the rows and append
 * the domain events that the outbox relays.
 *
 * Assignment records: an assignment stays open from `assign` through review, approval and any
 * send-back, so a sent-back review returns to the same person and workload counts a claim awaiting
 * approval against its reviewer. It ends `reassigned` when another person is assigned, `submitted`
 * when the review is published (the work is done), `dismissed` on dismiss. A reopen opens a new one.
 */
@Injectable()
export class ReviewActionsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly claims: ClaimsService,
    private readonly users: UsersService,
    private readonly publications: PublicationsService,
  ) {}

  triage(id: string, input: TriageClaimDto, ifMatch: string | undefined, principal: Principal) {
    return this.act('triage', id, ifMatch, principal, async ({ manager, claim, to }) => {
      const changes: ClaimChanges = { status: to };
      if (input.priority !== undefined) changes.priority = input.priority;
      if (input.dueAt !== undefined) changes.due_at = input.dueAt;
      const updated = await this.update(manager, claim.id, changes);
      await this.events.append(manager, 'claim.triaged', claim.id, principal, {
        version: updated.version,
        priority: updated.priority,
        dueAt: updated.due_at?.toISOString() ?? null,
      });
    });
  }

  dismiss(id: string, input: DismissClaimDto, ifMatch: string | undefined, principal: Principal) {
    return this.act('dismiss', id, ifMatch, principal, async ({ manager, claim, to }) => {
      // Only unassigned claims can be dismissed, but an open assignment left by anything else must not outlive it.
      await this.endAssignment(manager, claim.id, 'dismissed');
      const updated = await this.update(manager, claim.id, { status: to, assignee_id: null });
      await this.events.append(manager, 'claim.dismissed', claim.id, principal, {
        version: updated.version,
        reason: input.reason.trim(),
      });
    });
  }

  assign(id: string, input: AssignClaimDto, ifMatch: string | undefined, principal: Principal) {
    return this.act('assign', id, ifMatch, principal, async ({ manager, claim }) => {
      if (claim.assignee_id === input.assigneeId) {
        throw new ProblemException(409, 'The claim is already assigned to this user.', {
          claimStatus: claim.status,
          assigneeId: claim.assignee_id,
        });
      }
      await this.assertAssignable(input.assigneeId);
      // One function records every assignment: this action, the queue's `next` and auto-assignment.
      await assignClaim(manager, this.events, claim.id, input.assigneeId, principal, { auto: false });
    });
  }

  start(id: string, ifMatch: string | undefined, principal: Principal) {
    return this.act('start', id, ifMatch, principal, async ({ manager, claim, to }) => {
      const assignmentId = await this.openAssignmentOf(manager, claim);
      const updated = await this.update(manager, claim.id, { status: to });
      await this.events.append(manager, 'claim.review_started', claim.id, principal, {
        version: updated.version,
        assignmentId,
        assigneeId: claim.assignee_id,
      });
    });
  }

  submit(id: string, input: SubmitReviewDto, ifMatch: string | undefined, principal: Principal) {
    return this.act('submit', id, ifMatch, principal, async ({ manager, claim, to }) => {
      const [review]: ReviewRow[] = await manager.query(
        `INSERT INTO reviews (claim_id, round, verdict, summary, evidence_status, submitted_by)
         SELECT $1, COALESCE(MAX(round), 0) + 1, $2, $3, $4, $5 FROM reviews WHERE claim_id = $1
         RETURNING ${REVIEW_COLUMNS}`,
        [claim.id, input.verdict, input.summary.trim(), input.evidenceStatus, principal.id],
      );
      const updated = await this.update(manager, claim.id, {
        status: to,
        evidence_status: input.evidenceStatus,
      });
      await this.events.append(manager, 'claim.submitted', claim.id, principal, {
        version: updated.version,
        reviewId: review.id,
        round: review.round,
        verdict: review.verdict,
        evidenceStatus: review.evidence_status,
        submittedBy: review.submitted_by,
      });
      if (claim.evidence_status !== input.evidenceStatus) {
        // Same shape as a PATCH of the evidence status, plus the contract's from/to.
        await this.events.append(manager, 'claim.evidence_status_changed', claim.id, principal, {
          version: updated.version,
          from: claim.evidence_status,
          to: input.evidenceStatus,
          before: { evidenceStatus: claim.evidence_status },
          after: { evidenceStatus: input.evidenceStatus },
          reviewId: review.id,
        });
      }
    });
  }

  sendBack(id: string, input: SendBackDto, ifMatch: string | undefined, principal: Principal) {
    return this.act('send_back', id, ifMatch, principal, async ({ manager, claim, pending, to }) => {
      const review = this.requirePending(pending);
      const comment = input.comment.trim();
      await manager.query(
        `UPDATE reviews SET outcome = 'sent_back', decided_by = $2, decided_at = now(), decision_comment = $3
          WHERE id = $1`,
        [review.id, principal.id, comment],
      );
      const updated = await this.update(manager, claim.id, { status: to });
      await this.events.append(manager, 'claim.sent_back', claim.id, principal, {
        version: updated.version,
        reviewId: review.id,
        comment,
        assigneeId: claim.assignee_id,
      });
    });
  }

  publish(id: string, ifMatch: string | undefined, principal: Principal) {
    return this.act('publish', id, ifMatch, principal, async ({ manager, claim, pending, to }) => {
      const review = this.requirePending(pending);
      const previous = await this.latestPublished(manager, claim.id);
      await manager.query(
        `UPDATE reviews
            SET outcome = 'published', decided_by = $2, decided_at = now(), published_at = now(),
                corrects_review_id = $3
          WHERE id = $1`,
        [review.id, principal.id, previous?.id ?? null],
      );
      await this.endAssignment(manager, claim.id, 'submitted');
      // The assignee stays on the claim: it says who checked it, and a reopen goes back to them.
      const updated = await this.update(manager, claim.id, { status: to, verdict: review.verdict });
      await this.recordPublication(manager, claim.id, review, principal, !!previous);
      await this.events.append(manager, 'claim.published', claim.id, principal, {
        version: updated.version,
        reviewId: review.id,
        round: review.round,
        verdict: review.verdict,
        submittedBy: review.submitted_by,
        correctsReviewId: previous?.id ?? null,
      });
    });
  }

  /**
   * Reopens a published review for a correction. The published review stays as it is (the
   * correction will be a new review naming it in `corrects_review_id`), and so does the claim's
   * verdict until the correction is published. The claim goes back to its last assignee with a new
   * assignment; if that person can no longer review (deactivated, or lost the role) it is left
   * without an assignee in `in_review`, where the one action the table allows is an editor's
   * `assign`, so the claim is never stuck.
   */
  reopen(id: string, input: ReopenClaimDto, ifMatch: string | undefined, principal: Principal) {
    return this.act('reopen', id, ifMatch, principal, async ({ manager, claim, to }) => {
      const previous = await this.latestPublished(manager, claim.id);
      const assigneeId =
        claim.assignee_id !== null && (await this.isAssignable(claim.assignee_id)) ? claim.assignee_id : null;
      await this.endAssignment(manager, claim.id, 'reassigned');
      const assignment = assigneeId
        ? await this.insertAssignment(manager, claim.id, assigneeId, principal)
        : null;
      const updated = await this.update(manager, claim.id, { status: to, assignee_id: assigneeId });
      await this.events.append(manager, 'claim.reopened', claim.id, principal, {
        version: updated.version,
        reason: input.reason.trim(),
        previousReviewId: previous?.id ?? null,
        assigneeId,
        assignmentId: assignment?.id ?? null,
        dueAt: assignment?.dueAt ?? null,
      });
    });
  }

  /** Freezes what this `publish` makes public; a correction carries the reason its reopen gave. */
  private async recordPublication(
    manager: EntityManager,
    claimId: string,
    review: ReviewRow,
    approver: Principal,
    correcting: boolean,
  ): Promise<void> {
    const claim = await this.claims.load(manager, claimId, approver);
    const submitter = await this.users.findIdentity(review.submitted_by);
    const reopened = correcting ? await this.events.latestOfType(manager, claimId, 'claim.reopened') : null;
    const reason = typeof reopened?.changes.reason === 'string' ? reopened.changes.reason : null;
    await this.publications.record(
      manager,
      publicationSnapshot(
        claim,
        review,
        {
          submittedBy: { id: review.submitted_by, name: submitter?.name ?? '' },
          approvedBy: { id: approver.id, name: approver.name },
        },
        reason,
      ),
    );
  }

  private act(
    action: WorkflowAction,
    claimId: string,
    ifMatch: string | undefined,
    principal: Principal,
    apply: (context: ActionContext) => Promise<void>,
  ): Promise<ClaimView> {
    return this.transactions.run(async (manager) => {
      const [claim]: LockedClaim[] = await manager.query(
        `SELECT id, status, assignee_id, due_at, priority, evidence_status, version
           FROM claims WHERE id = $1 FOR UPDATE`,
        [claimId],
      );
      if (!claim) throw notFound('Claim', claimId);
      assertIfMatch(ifMatch, claim.version);
      const pending =
        claim.status === 'in_approval' ? await this.pendingReview(manager, claim.id) : undefined;
      // Only people act on the workflow: reviews record who decided as a user id, so an API key
      // (whatever role it were given) holds no workflow role here.
      const decision = decide(
        action,
        { status: claim.status, assigneeId: claim.assignee_id, submittedById: pending?.submitted_by ?? null },
        { id: principal.id, roles: principal.kind === 'user' ? principal.roles : [] },
      );
      if (!decision.ok) {
        throw workflowProblem(action, decision, { status: claim.status, assigneeId: claim.assignee_id });
      }
      await apply({ manager, claim, pending, to: decision.to });
      return this.claims.load(manager, claimId, principal);
    });
  }

  private async update(manager: EntityManager, id: string, changes: ClaimChanges): Promise<UpdatedClaim> {
    const params: unknown[] = [id];
    const sets = Object.entries(changes).map(([column, value]) => {
      params.push(value);
      return `${column} = $${params.length}`;
    });
    const [row] = rowsOf<UpdatedClaim>(
      await manager.query(
        `UPDATE claims SET ${sets.join(', ')}, version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING version, priority, due_at, evidence_status`,
        params,
      ),
    );
    return row;
  }

  private async pendingReview(manager: EntityManager, claimId: string): Promise<ReviewRow | undefined> {
    const [row]: ReviewRow[] = await manager.query(
      `SELECT ${REVIEW_COLUMNS} FROM reviews WHERE claim_id = $1 AND outcome = 'pending'
        ORDER BY round DESC LIMIT 1`,
      [claimId],
    );
    return row;
  }

  private requirePending(pending: ReviewRow | undefined): ReviewRow {
    // `in_approval` is only ever entered by `submit`, which writes the pending review with it.
    if (!pending) throw new ProblemException(409, 'The claim has no review awaiting approval.');
    return pending;
  }

  private async latestPublished(
    manager: EntityManager,
    claimId: string,
  ): Promise<{ id: string } | undefined> {
    const [row]: { id: string }[] = await manager.query(
      `SELECT id FROM reviews WHERE claim_id = $1 AND outcome = 'published' ORDER BY round DESC LIMIT 1`,
      [claimId],
    );
    return row;
  }

  private async endAssignment(
    manager: EntityManager,
    claimId: string,
    reason: 'reassigned' | 'submitted' | 'dismissed',
  ): Promise<void> {
    await manager.query(
      `UPDATE assignments SET ended_at = now(), end_reason = $2 WHERE claim_id = $1 AND ended_at IS NULL`,
      [claimId, reason],
    );
  }

  private async insertAssignment(
    manager: EntityManager,
    claimId: string,
    assigneeId: string,
    principal: Principal | null,
  ): Promise<{ id: string; dueAt: string | null }> {
    const [row]: { id: string; due_at: Date | null }[] = await manager.query(
      `INSERT INTO assignments (claim_id, assignee_id, assigned_by_kind, assigned_by_id, due_at)
       SELECT id, $2, $3, $4, due_at FROM claims WHERE id = $1
       RETURNING id, due_at`,
      [claimId, assigneeId, principal?.kind ?? 'system', principal?.id ?? null],
    );
    return { id: row.id, dueAt: row.due_at?.toISOString() ?? null };
  }

  /**
   * The open assignment of an assigned claim. Claims only reach `assigned` through
   * `assignClaim`, so there is one; should an older row lack it, one is opened for the
   * current assignee rather than refusing the assignee their own work.
   */
  private async openAssignmentOf(manager: EntityManager, claim: LockedClaim): Promise<string> {
    const [open]: { id: string }[] = await manager.query(
      `SELECT id FROM assignments WHERE claim_id = $1 AND ended_at IS NULL`,
      [claim.id],
    );
    if (open) return open.id;
    return (await this.insertAssignment(manager, claim.id, claim.assignee_id!, null)).id;
  }

  private async isAssignable(userId: string): Promise<boolean> {
    const user = await this.users.findIdentity(userId);
    return !!user && user.active && user.roles.some((role) => ASSIGNABLE_ROLES.includes(role));
  }

  private async assertAssignable(userId: string): Promise<void> {
    const user = await this.users.findIdentity(userId);
    const problem = !user
      ? `User ${userId} does not exist.`
      : !user.active
        ? `User ${userId} is deactivated and cannot be assigned claims.`
        : !user.roles.some((role) => ASSIGNABLE_ROLES.includes(role))
          ? `User ${userId} cannot review claims: assign a ${ASSIGNABLE_ROLES.join(', ')}.`
          : undefined;
    if (problem) {
      throw new ProblemException(400, problem, {
        errors: [
          {
            field: 'assigneeId',
            message: `assigneeId must be an active user with the role ${ASSIGNABLE_ROLES.join(' or ')}`,
          },
        ],
      });
    }
  }
}
