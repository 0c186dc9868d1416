import { ClaimsService } from '@claimdesk/claims';
import { EventsService } from '@claimdesk/events';
import { Principal } from '@claimdesk/platform';
import { ClaimStatus, WorkflowStep } from '@claimdesk/workflow';
import { EntityManager } from 'typeorm';

export interface AssignedClaim {
  assignmentId: string;
  previousAssigneeId: string | null;
  dueAt: string | null;
  version: number;
}

/** TypeORM answers UPDATE … RETURNING with `[rows, affected]`. */
const rowsOf = <T>(result: T[] | [T[], number]): T[] =>
  result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number'
    ? (result[0] as T[])
    : (result as T[]);

/**
 * Assigns a claim the caller has already locked (`FOR UPDATE`) and for which `decide(step)` said
 * yes (`to` is that decision's status): ends
 * its open assignment, opens a new one (copying the due date, so workload history keeps the date
 * the assignee was given), moves the claim to `assigned` and records `claim.assigned`, all with
 * `manager` so it commits with the caller's transaction.
 *
 * The one place an assignment is recorded: the `assign` action (libs/review/src/actions), the
 * queue's `next` and auto-assignment all call it, so they cannot drift apart.
 */
export async function assignClaim(
  manager: EntityManager,
  claims: ClaimsService,
  events: EventsService,
  claimId: string,
  assigneeId: string,
  by: Principal | null,
  decided: { step: Extract<WorkflowStep, 'assign' | 'take' | 'auto_assign'>; to: ClaimStatus },
): Promise<AssignedClaim> {
  const [ended] = rowsOf<{ assignee_id: string }>(
    await manager.query(
      `UPDATE assignments SET ended_at = now(), end_reason = 'reassigned'
        WHERE claim_id = $1 AND ended_at IS NULL RETURNING assignee_id`,
      [claimId],
    ),
  );
  const claim = await claims.applyWorkflow(manager, claimId, { status: decided.to, assigneeId });
  const [assignment]: { id: string }[] = await manager.query(
    `INSERT INTO assignments (claim_id, assignee_id, assigned_by_kind, assigned_by_id, due_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [claimId, assigneeId, by ? by.kind : 'system', by?.id ?? null, claim.dueAt],
  );
  const result: AssignedClaim = {
    assignmentId: assignment.id,
    previousAssigneeId: ended?.assignee_id ?? null,
    dueAt: claim.dueAt?.toISOString() ?? null,
    version: claim.version,
  };
  await events.append(manager, 'claim.assigned', claimId, by, {
    version: result.version,
    assignmentId: result.assignmentId,
    assigneeId,
    previousAssigneeId: result.previousAssigneeId,
    dueAt: result.dueAt,
    auto: decided.step === 'auto_assign',
  });
  return result;
}
