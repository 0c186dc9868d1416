import { decide, WorkflowActor, WorkflowClaimState } from '@claimdesk/workflow';
import { workflowProblem } from './workflow-problems';

const editor: WorkflowActor = { id: 'e1', roles: ['editor'] };
const checker: WorkflowActor = { id: 'c1', roles: ['fact_checker'] };

function problemFor(action: Parameters<typeof decide>[0], state: WorkflowClaimState, actor: WorkflowActor) {
  const decision = decide(action, state, actor);
  if (decision.ok) throw new Error(`expected ${action} to be refused`);
  const exception = workflowProblem(action, decision, state);
  return { status: exception.getStatus(), problem: exception.problem };
}

describe('workflowProblem', () => {
  it('answers an illegal status with 409, the claim status and the caller’s allowed actions', () => {
    const { status, problem } = problemFor(
      'publish',
      { status: 'submitted', assigneeId: null, submittedById: null },
      editor,
    );
    expect(status).toBe(409);
    expect(problem).toMatchObject({
      status: 409,
      type: 'https://claimdesk.dev/problems/workflow-conflict',
      claimStatus: 'submitted',
      allowedActions: ['triage', 'dismiss'],
    });
    expect(problem.detail).toBe(
      'Cannot publish a claim that is `submitted`: publish needs `in_approval`. You may `triage`, `dismiss` now.',
    );
  });

  it('uses the route’s slug and says when nothing is possible', () => {
    const { problem } = problemFor(
      'send_back',
      { status: 'dismissed', assigneeId: null, submittedById: null },
      editor,
    );
    expect(problem.detail).toContain('Cannot send-back');
    expect(problem.detail).toContain('You may take no workflow action on it now.');
  });

  it('answers the wrong role with 403 naming the roles', () => {
    const { status, problem } = problemFor(
      'triage',
      { status: 'submitted', assigneeId: null, submittedById: null },
      checker,
    );
    expect(status).toBe(403);
    expect(problem.detail).toBe('triage needs the role editor or admin.');
  });

  it('tells a non-assignee whether the claim has an assignee at all', () => {
    const other = problemFor('start', { status: 'assigned', assigneeId: 'c2', submittedById: null }, checker);
    expect(other.status).toBe(403);
    expect(other.problem.type).toBe('https://claimdesk.dev/problems/not-assignee');
    expect(other.problem.detail).toContain('assigned to someone else');
    const none = problemFor(
      'submit',
      { status: 'in_review', assigneeId: null, submittedById: null },
      checker,
    );
    expect(none.problem.detail).toContain('an editor must assign it first');
  });

  it('explains the four-eyes rule', () => {
    const { status, problem } = problemFor(
      'publish',
      { status: 'in_approval', assigneeId: 'e1', submittedById: 'e1' },
      editor,
    );
    expect(status).toBe(403);
    expect(problem).toMatchObject({
      type: 'https://claimdesk.dev/problems/four-eyes',
      allowedActions: ['send_back'],
    });
    expect(problem.detail).toContain('four-eyes');
  });
});
