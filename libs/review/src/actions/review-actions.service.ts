import { Injectable } from '@nestjs/common';
import { UsersService } from '@claimdesk/auth';
import {
  ClaimsService,
  ClaimView,
  EvidenceStatus,
  Priority,
  REVIEW_COLUMNS,
  ReviewRow,
  Verdict,
  WorkflowClaim,
} from '@claimdesk/claims';
import { EventsService } from '@claimdesk/events';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  Principal,
  Role,
  TransactionService,
} from '@claimdesk/platform';
import { PublicationsService } from '@claimdesk/publications';
import { EntityManager } from 'typeorm';
import { assignClaim } from '../queue/assign-claim';
import {
  ClaimStatus,
  decide,
  WORKFLOW,
  WorkflowAction,
  workflowActor,
  workflowRefusal,
} from '@claimdesk/workflow';
import { AssignClaimDto } from './dto/assign-claim.dto';
import { DismissClaimDto } from './dto/dismiss-claim.dto';
import { ReopenClaimDto } from './dto/reopen-claim.dto';
import { SendBackDto } from './dto/send-back.dto';
import { SubmitReviewDto } from './dto/submit-review.dto';
import { TriageClaimDto } from './dto/triage-claim.dto';
import { publicationSnapshot } from './publication-snapshot';

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

/** What an action may set on the claim (through the claims feature); names are ours, never the client's. */
type ClaimChanges = {
  status?: ClaimStatus;
  priority?: Priority;
  due_at?: string | null;
  assignee_id?: string | null;
  evidence_status?: EvidenceStatus;
  verdict?: Verdict;
};

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

function locked(claim: WorkflowClaim): LockedClaim {
  return {
    id: claim.id,
    status: claim.status,
    assignee_id: claim.assigneeId,
    due_at: claim.dueAt,
    priority: claim.priority,
    evidence_status: claim.evidenceStatus,
    version: claim.version,
  };
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
    return this.act('assign', id, ifMatch, principal, async ({ manager, claim, to }) => {
      if (claim.assignee_id === input.assigneeId) {
        throw new ConflictError('The claim is already assigned to this user.', {
          claimStatus: claim.status,
          assigneeId: claim.assignee_id,
        });
      }
      await this.assertAssignable(manager, input.assigneeId);
      // One function records every assignment: this action, the queue's `next` and auto-assignment.
      await assignClaim(manager, this.claims, this.events, claim.id, input.assigneeId, principal, {
        step: 'assign',
        to,
      });
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
        claim.assignee_id !== null && (await this.isAssignable(manager, claim.assignee_id))
          ? claim.assignee_id
          : null;
      await this.endAssignment(manager, claim.id, 'reassigned');
      const assignment = assigneeId
        ? await this.insertAssignment(manager, claim, assigneeId, principal)
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

  /**
   * The refusal for a caller whose role may never take `action` (the route's role check), with
   * the claim's status and the caller's allowed actions like every other workflow refusal; null
   * when the claim does not exist (the plain role refusal then says all there is to say).
   */
  async roleRefusal(action: WorkflowAction, claimId: string, principal: Principal) {
    const found = await this.claims
      .forWorkflow(this.transactions.manager, claimId, { lock: false })
      .catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
    if (!found) return null;
    const claim = locked(found);
    const pending =
      claim.status === 'in_approval'
        ? await this.pendingReview(this.transactions.manager, claim.id)
        : undefined;
    const state = {
      status: claim.status,
      assigneeId: claim.assignee_id,
      submittedById: pending?.submitted_by ?? null,
    };
    const decision = decide(action, state, workflowActor(principal));
    if (decision.ok) return null;
    return workflowRefusal(action, decision, { status: claim.status, assigneeId: claim.assignee_id });
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
    const submitter = await this.users.findIdentity(review.submitted_by, manager);
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
      const claim = locked(await this.claims.forWorkflow(manager, claimId, { lock: true, ifMatch }));
      const pending =
        claim.status === 'in_approval' ? await this.pendingReview(manager, claim.id) : undefined;
      const decision = decide(
        action,
        { status: claim.status, assigneeId: claim.assignee_id, submittedById: pending?.submitted_by ?? null },
        workflowActor(principal),
      );
      if (!decision.ok) {
        throw workflowRefusal(action, decision, { status: claim.status, assigneeId: claim.assignee_id });
      }
      await apply({ manager, claim, pending, to: decision.to });
      return this.claims.load(manager, claimId, principal);
    });
  }

  /** The claim's part of an action, written by the claims feature, which owns the row. */
  private async update(manager: EntityManager, id: string, changes: ClaimChanges): Promise<UpdatedClaim> {
    const result = await this.claims.applyWorkflow(manager, id, {
      status: changes.status,
      priority: changes.priority,
      dueAt: changes.due_at,
      assigneeId: changes.assignee_id,
      evidenceStatus: changes.evidence_status,
      verdict: changes.verdict,
    });
    return {
      version: result.version,
      priority: result.priority,
      due_at: result.dueAt,
      evidence_status: result.evidenceStatus,
    };
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
    if (!pending) throw new ConflictError('The claim has no review awaiting approval.');
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
    claim: LockedClaim,
    assigneeId: string,
    principal: Principal | null,
  ): Promise<{ id: string; dueAt: string | null }> {
    const [row]: { id: string; due_at: Date | null }[] = await manager.query(
      `INSERT INTO assignments (claim_id, assignee_id, assigned_by_kind, assigned_by_id, due_at)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING id, due_at`,
      [claim.id, assigneeId, principal?.kind ?? 'system', principal?.id ?? null, claim.due_at],
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
    return (await this.insertAssignment(manager, claim, claim.assignee_id!, null)).id;
  }

  private async isAssignable(manager: EntityManager, userId: string): Promise<boolean> {
    const user = await this.users.findIdentity(userId, manager);
    return !!user && user.active && user.roles.some((role) => ASSIGNABLE_ROLES.includes(role));
  }

  private async assertAssignable(manager: EntityManager, userId: string): Promise<void> {
    const user = await this.users.findIdentity(userId, manager);
    const problem = !user
      ? `User ${userId} does not exist.`
      : !user.active
        ? `User ${userId} is deactivated and cannot be assigned claims.`
        : !user.roles.some((role) => ASSIGNABLE_ROLES.includes(role))
          ? `User ${userId} cannot review claims: assign a ${ASSIGNABLE_ROLES.join(', ')}.`
          : undefined;
    if (problem) {
      throw new InvalidInputError(problem, {
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
