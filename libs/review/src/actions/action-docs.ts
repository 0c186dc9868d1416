import { WORKFLOW, WorkflowAction } from '@claimdesk/workflow';

const code = (value: string) => `\`${value}\``;

/**
 * The OpenAPI summary and description of an action route, written from the workflow table so the
 * documentation cannot drift from the rules the service enforces. (Who may call it is appended
 * by the OpenAPI builder from the same `@Roles` metadata the guard reads.)
 */
export function describeAction(action: WorkflowAction): { summary: string; description: string } {
  const rule = WORKFLOW[action];
  const lines = [
    rule.description,
    `Moves the claim from ${rule.from.map(code).join(' or ')} to ${code(rule.to)}; from any other status it answers 409 with the \`allowedActions\` of the caller.`,
  ];
  if (rule.guard === 'assignee') lines.push('Only the claim’s assignee may do it: anyone else gets 403.');
  if (rule.guard === 'not_submitter') {
    lines.push('Whoever submitted the review gets 403, whatever their role (four-eyes rule).');
  }
  lines.push(
    'Answers 200 with the claim as `GET /v1/claims/{id}` shows it to the caller. Send `If-Match` with the claim’s ETag to refuse the action (412) if the claim changed since you read it.',
  );
  return { summary: rule.summary, description: lines.join('\n\n') };
}
