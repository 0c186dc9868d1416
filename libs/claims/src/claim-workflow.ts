import { Principal } from '@claimdesk/platform';
import {
  allowedActions,
  allowedEdits,
  ClaimEdit,
  verdictRating,
  WorkflowAction,
  workflowActor,
} from '@claimdesk/workflow';
import { EntityManager } from 'typeorm';
import { ClaimStatus, EvidenceStatus, Verdict } from './claim.entity';
import { ReviewOutcome, ReviewView } from './dto/review.view';

/**
 * The workflow part of a claim's representation: its reviews and what the caller may do next.
 * The claim view reads the `reviews` table (written by the review feature) because the view is
 * the one read model every consumer shares: the API, webhooks and notifications all show it.
 */

export interface ReviewRow {
  id: string;
  claim_id: string;
  round: number;
  verdict: Verdict;
  summary: string;
  evidence_status: EvidenceStatus;
  submitted_by: string;
  submitted_at: Date;
  outcome: ReviewOutcome;
  decided_by: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  published_at: Date | null;
  corrects_review_id: string | null;
}

export const REVIEW_COLUMNS = `id, claim_id, round, verdict, summary, evidence_status, submitted_by, submitted_at,
  outcome, decided_by, decided_at, decision_comment, published_at, corrects_review_id`;

/** Every review of the claim, by round (oldest first). */
export function reviewsOf(manager: EntityManager, claimId: string): Promise<ReviewRow[]> {
  return manager.query(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE claim_id = $1 ORDER BY round`, [claimId]);
}

export function toReviewView(row: ReviewRow): ReviewView {
  return {
    id: row.id,
    round: row.round,
    verdict: row.verdict,
    rating: verdictRating(row.verdict),
    summary: row.summary,
    evidenceStatus: row.evidence_status,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at.toISOString(),
    outcome: row.outcome,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionComment: row.decision_comment,
    publishedAt: row.published_at?.toISOString() ?? null,
    correctsReviewId: row.corrects_review_id,
  };
}

export interface ClaimWorkflowState {
  status: ClaimStatus;
  assigneeId: string | null;
  /** The user who submitted the claim (null when a key did). */
  submitterId: string | null;
}

export interface ClaimWorkflowView {
  currentReview: ReviewView | null;
  publishedReviews: ReviewView[];
  allowedActions: WorkflowAction[];
  allowedEdits: ClaimEdit[];
}

/** Desk members see work in progress; newsroom keys and principal-less reads (webhooks) see only what is published. */
const isDeskMember = (principal: Principal | undefined): principal is Principal => principal?.kind === 'user';

/**
 * Builds the workflow fields of a claim for `principal` from its reviews (by round, oldest first).
 * What a newsroom may see of them is decided by the claim's visibility rules (claim-visibility.ts).
 * The four-eyes rule needs the submitter of the review awaiting approval; once decided, a review's
 * submitter no longer restricts anyone.
 */
export function claimWorkflowView(
  claim: ClaimWorkflowState,
  reviews: readonly ReviewRow[],
  principal: Principal | undefined,
): ClaimWorkflowView {
  const latest = reviews.at(-1);
  const published = reviews.filter((review) => review.outcome === 'published');
  const pending = latest?.outcome === 'pending' ? latest : undefined;
  const desk = isDeskMember(principal);
  return {
    currentReview: latest ? toReviewView(latest) : null,
    publishedReviews: published.map(toReviewView),
    allowedActions: desk
      ? allowedActions(
          {
            status: claim.status,
            assigneeId: claim.assigneeId,
            submittedById: pending?.submitted_by ?? null,
          },
          workflowActor(principal),
        )
      : [],
    allowedEdits: desk ? allowedEdits(claim, workflowActor(principal)) : [],
  };
}
