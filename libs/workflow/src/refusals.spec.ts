import { toProblem } from '@claimdesk/platform';
import { decideEdit, EditClaimState } from './edits';
import { editRefusal, workflowRefusal } from './refusals';
import { allowedActions, decide, WorkflowActor, WorkflowClaimState } from './workflow';

const editor: WorkflowActor = { id: 'e1', roles: ['editor'] };
const checker: WorkflowActor = { id: 'c1', roles: ['fact_checker'] };

function problemFor(action: Parameters<typeof decide>[0], state: WorkflowClaimState, actor: WorkflowActor) {
  const decision = decide(action, state, actor);
  if (decision.ok) throw new Error(`expected ${action} to be refused`);
  const problem = toProblem(workflowRefusal(action, decision, state));
  return { status: problem.status, problem };
}

describe('workflowRefusal', () => {
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

describe('workflowRefusal for assignment steps', () => {
  it('refuses to take a claim someone already has, with 409 and the assignee', () => {
    const { status, problem } = problemFor(
      'take',
      { status: 'triaged', assigneeId: 'c2', submittedById: null },
      checker,
    );
    expect(status).toBe(409);
    expect(problem).toMatchObject({ claimStatus: 'triaged', assigneeId: 'c2' });
  });

  it('lets no person auto-assign', () => {
    const { status, problem } = problemFor(
      'auto_assign',
      { status: 'triaged', assigneeId: null, submittedById: null },
      editor,
    );
    expect(status).toBe(403);
    expect(problem.detail).toBe('auto_assign is taken by the system only.');
  });
});

function editProblem(edit: Parameters<typeof decideEdit>[0], state: EditClaimState, actor: WorkflowActor) {
  const decision = decideEdit(edit, state, actor);
  if (decision.ok) throw new Error(`expected ${edit} to be refused`);
  const actions = allowedActions({ ...state, submittedById: null }, actor);
  return toProblem(editRefusal(edit, decision, state, actions));
}

describe('editRefusal', () => {
  it('answers a closed status with 409 naming the action that opens the edit', () => {
    const problem = editProblem('text', { status: 'published', assigneeId: 'c2', submitterId: 'c2' }, editor);
    expect(problem).toMatchObject({
      status: 409,
      type: 'https://claimdesk.dev/problems/edit-conflict',
      claimStatus: 'published',
      allowedActions: ['reopen'],
      allowedEdits: ['notes'],
      openedBy: ['reopen'],
    });
    expect(problem.detail).toBe(
      'A claim that is `published` cannot have its text changed. `reopen` would open it.',
    );
  });

  it('says when no action opens a closed claim', () => {
    const problem = editProblem(
      'stances',
      { status: 'dismissed', assigneeId: null, submitterId: 'c1' },
      checker,
    );
    expect(problem).toMatchObject({ status: 409, openedBy: [] });
    expect(problem.detail).toContain('No action reopens it.');
  });

  it('answers someone else’s review with 403 naming who may edit', () => {
    const problem = editProblem(
      'evidence',
      { status: 'in_review', assigneeId: 'c2', submitterId: 'c1' },
      checker,
    );
    expect(problem).toMatchObject({
      status: 403,
      type: 'https://claimdesk.dev/problems/edit-forbidden',
      claimStatus: 'in_review',
      allowedActions: [],
      allowedEdits: ['notes'],
    });
    expect(problem.detail).toBe(
      'While the claim is `in_review`, only the assignee or editors may change its evidence.',
    );
  });
});
