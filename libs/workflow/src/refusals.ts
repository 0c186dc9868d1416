import { ConflictError, DomainError, ForbiddenError, problemType } from '@claimdesk/platform';
import { ClaimEdit, describeRights, EditClaimState, EditDecision, editRights } from './edits';
import { ClaimStatus, ruleOf, WORKFLOW, WorkflowAction, WorkflowDecision, WorkflowStep } from './workflow';

type Denied = Extract<WorkflowDecision, { ok: false }>;
type EditDenied = Extract<EditDecision, { ok: false }>;

const list = (items: readonly string[]) => items.map((item) => `\`${item}\``).join(', ');
const slugs = (actions: readonly WorkflowAction[]) => actions.map((action) => WORKFLOW[action].slug);
const nameOf = (step: WorkflowStep) => (step in WORKFLOW ? WORKFLOW[step as WorkflowAction].slug : step);

function allowedNow(actions: readonly WorkflowAction[]): string {
  return actions.length
    ? `You may ${list(slugs(actions))} now.`
    : 'You may take no workflow action on it now.';
}

/**
 * What a caller learns when `decide()` refuses: a conflict for the claim's status, forbidden for
 * who is asking. Every refusal carries the claim's status and the caller's allowed actions, so a
 * client can redraw its buttons from the answer alone.
 */
export function workflowRefusal(
  step: WorkflowStep,
  denied: Denied,
  claim: { status: ClaimStatus; assigneeId: string | null },
): DomainError {
  const rule = ruleOf(step);
  const name = nameOf(step);
  const extra = { claimStatus: claim.status, allowedActions: denied.allowedActions };
  switch (denied.reason) {
    case 'illegal_status':
      return new ConflictError(
        `Cannot ${name} a claim that is \`${claim.status}\`: ${name} needs ${list(rule.from)}. ${allowedNow(denied.allowedActions)}`,
        { type: problemType('workflow-conflict'), title: 'Action not allowed in this status', ...extra },
      );
    case 'already_assigned':
      return new ConflictError(`Cannot ${name} the claim: it is already assigned.`, {
        type: problemType('workflow-conflict'),
        title: 'Action not allowed in this status',
        ...extra,
        assigneeId: claim.assigneeId,
      });
    case 'forbidden_role':
      return new ForbiddenError(
        rule.system
          ? `${name} is taken by the system only.`
          : `${name} needs the role ${rule.roles.join(' or ')}.`,
        extra,
      );
    case 'not_assignee':
      return new ForbiddenError(
        claim.assigneeId === null
          ? `Only the claim’s assignee may ${name} it, and it has none: an editor must assign it first.`
          : `Only the claim’s assignee may ${name} it; it is assigned to someone else.`,
        { type: problemType('not-assignee'), title: 'Not the assignee', ...extra },
      );
    case 'submitter_cannot_publish':
      return new ForbiddenError(
        'You submitted this review, so another editor must publish it (four-eyes rule).',
        { type: problemType('four-eyes'), title: 'Four-eyes rule', ...extra },
      );
  }
}

/**
 * What a caller learns when `decideEdit()` refuses: a conflict when the claim's status closes the
 * edit (with the actions that would open it), forbidden when the caller is not one of those who
 * may make it. Both carry the claim's status, allowed actions and allowed edits.
 */
export function editRefusal(
  edit: ClaimEdit,
  denied: EditDenied,
  claim: EditClaimState,
  allowedActions: WorkflowAction[],
): DomainError {
  const extra = { claimStatus: claim.status, allowedActions, allowedEdits: denied.allowedEdits };
  switch (denied.reason) {
    case 'illegal_status': {
      const opening = denied.openedBy.length
        ? `${list(slugs(denied.openedBy))} would open it.`
        : 'No action reopens it.';
      return new ConflictError(
        `A claim that is \`${claim.status}\` cannot have its ${edit} changed. ${opening}`,
        {
          type: problemType('edit-conflict'),
          title: 'Edit not allowed in this status',
          ...extra,
          openedBy: denied.openedBy,
        },
      );
    }
    case 'forbidden_role':
      return new ForbiddenError(`Only members of the desk may change a claim’s ${edit}.`, extra);
    case 'not_permitted':
      return new ForbiddenError(
        `While the claim is \`${claim.status}\`, only ${describeRights(editRights(claim.status, edit))} may change its ${edit}.`,
        { type: problemType('edit-forbidden'), title: 'Not yours to edit', ...extra },
      );
  }
}
