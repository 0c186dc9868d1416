import { ProblemException, problemType } from '@claimdesk/platform';
import { ClaimStatus, WORKFLOW, WorkflowAction, WorkflowDecision } from '@claimdesk/workflow';

type Denied = Extract<WorkflowDecision, { ok: false }>;

const list = (items: readonly string[]) => items.map((item) => `\`${item}\``).join(', ');

/** What a client sees when `decide()` refuses: 409 for the claim's status, 403 for who is asking. */
export function workflowProblem(
  action: WorkflowAction,
  denied: Denied,
  claim: { status: ClaimStatus; assigneeId: string | null },
): ProblemException {
  const rule = WORKFLOW[action];
  const extra = { claimStatus: claim.status, allowedActions: denied.allowedActions };
  const allowedNow = denied.allowedActions.length
    ? `You may ${list(denied.allowedActions.map((allowed) => WORKFLOW[allowed].slug))} now.`
    : 'You may take no workflow action on it now.';
  switch (denied.reason) {
    case 'illegal_status':
      return new ProblemException(
        409,
        `Cannot ${rule.slug} a claim that is \`${claim.status}\`: ${rule.slug} needs ${list(rule.from)}. ${allowedNow}`,
        { type: problemType('workflow-conflict'), title: 'Action not allowed in this status', ...extra },
      );
    case 'forbidden_role':
      return new ProblemException(403, `${rule.slug} needs the role ${rule.roles.join(' or ')}.`, extra);
    case 'not_assignee':
      return new ProblemException(
        403,
        claim.assigneeId === null
          ? `Only the claim’s assignee may ${rule.slug} it, and it has none: an editor must assign it first.`
          : `Only the claim’s assignee may ${rule.slug} it; it is assigned to someone else.`,
        { type: problemType('not-assignee'), title: 'Not the assignee', ...extra },
      );
    case 'submitter_cannot_publish':
      return new ProblemException(
        403,
        'You submitted this review, so another editor must publish it (four-eyes rule).',
        { type: problemType('four-eyes'), title: 'Four-eyes rule', ...extra },
      );
  }
}
