import { EvidenceStatus, Priority, Verdict } from './claim.entity';
import { ClaimStatus } from '@claimdesk/workflow';

/** A claim as the workflow (review) reads it, locked for the step it is taking. */
export interface WorkflowClaim {
  id: string;
  status: ClaimStatus;
  assigneeId: string | null;
  dueAt: Date | null;
  priority: Priority;
  evidenceStatus: EvidenceStatus;
  tags: string[];
  version: number;
}

/** What a workflow step may set on a claim; nothing else about a claim is the workflow's to change. */
export interface WorkflowChanges {
  status?: ClaimStatus;
  priority?: Priority;
  dueAt?: string | null;
  assigneeId?: string | null;
  evidenceStatus?: EvidenceStatus;
  verdict?: Verdict;
}

/** The claim's workflow columns after a step. */
export interface WorkflowResult {
  version: number;
  priority: Priority;
  dueAt: Date | null;
  evidenceStatus: EvidenceStatus;
}

/** Our names → columns; the client never names a column. */
export const WORKFLOW_COLUMNS: Record<keyof WorkflowChanges, string> = {
  status: 'status',
  priority: 'priority',
  dueAt: 'due_at',
  assigneeId: 'assignee_id',
  evidenceStatus: 'evidence_status',
  verdict: 'verdict',
};
