import { ROLES, Role } from '@claimdesk/platform';
import {
  actionFromSlug,
  allowedActions,
  ASSIGNED_STATUSES,
  OPEN_STATUSES,
  SYSTEM_ACTOR,
  TAKEABLE_STATUSES,
  TIMED_STATUSES,
  workflowActor,
  CLAIM_STATUSES,
  ClaimStatus,
  decide,
  slugOf,
  WORKFLOW,
  WORKFLOW_ACTIONS,
  WorkflowAction,
  WorkflowClaimState,
  WorkflowDenial,
} from './workflow';

/**
 * The rules written out by hand from API.md, independently of the WORKFLOW table: every
 * (status, action, role, who) that is allowed. Anything not listed must be refused.
 * `who`: `anyone` (role is enough), `assignee` (must be the assignee), `not_submitter` (must not
 * have submitted the review).
 */
type Who = 'anyone' | 'assignee' | 'not_submitter';
const ALLOWED: ReadonlyArray<readonly [ClaimStatus, WorkflowAction, Role, Who]> = [
  ['submitted', 'triage', 'editor', 'anyone'],
  ['submitted', 'triage', 'admin', 'anyone'],
  ['submitted', 'dismiss', 'editor', 'anyone'],
  ['submitted', 'dismiss', 'admin', 'anyone'],
  ['triaged', 'dismiss', 'editor', 'anyone'],
  ['triaged', 'dismiss', 'admin', 'anyone'],
  ['triaged', 'assign', 'editor', 'anyone'],
  ['triaged', 'assign', 'admin', 'anyone'],
  ['assigned', 'assign', 'editor', 'anyone'],
  ['assigned', 'assign', 'admin', 'anyone'],
  ['in_review', 'assign', 'editor', 'anyone'],
  ['in_review', 'assign', 'admin', 'anyone'],
  ['assigned', 'start', 'fact_checker', 'assignee'],
  ['assigned', 'start', 'editor', 'assignee'],
  ['assigned', 'start', 'admin', 'assignee'],
  ['in_review', 'submit', 'fact_checker', 'assignee'],
  ['in_review', 'submit', 'editor', 'assignee'],
  ['in_review', 'submit', 'admin', 'assignee'],
  ['in_approval', 'send_back', 'editor', 'anyone'],
  ['in_approval', 'send_back', 'admin', 'anyone'],
  ['in_approval', 'publish', 'editor', 'not_submitter'],
  ['in_approval', 'publish', 'admin', 'not_submitter'],
  ['published', 'reopen', 'editor', 'anyone'],
  ['published', 'reopen', 'admin', 'anyone'],
];

const ME = 'user-me';
const OTHER = 'user-other';

/** How the caller relates to the claim; `null` ids model an unassigned / never-submitted claim. */
const RELATIONS = [
  { name: 'assignee and submitter', assigneeId: ME, submittedById: ME },
  { name: 'assignee, not submitter', assigneeId: ME, submittedById: OTHER },
  { name: 'submitter, not assignee', assigneeId: OTHER, submittedById: ME },
  { name: 'neither', assigneeId: OTHER, submittedById: OTHER },
  { name: 'nobody assigned, nothing submitted', assigneeId: null, submittedById: null },
] as const;

function satisfies(who: Who, state: WorkflowClaimState): boolean {
  if (who === 'assignee') return state.assigneeId === ME;
  if (who === 'not_submitter') return state.submittedById !== ME;
  return true;
}

function expectedAllowed(status: ClaimStatus, action: WorkflowAction, role: Role, state: WorkflowClaimState) {
  return ALLOWED.some(
    ([s, a, r, who]) => s === status && a === action && r === role && satisfies(who, state),
  );
}

/** The reason a refusal must carry, derived from ALLOWED alone: role first, then status, then person. */
function expectedReason(status: ClaimStatus, action: WorkflowAction, role: Role): WorkflowDenial {
  if (!ALLOWED.some(([, a, r]) => a === action && r === role)) return 'forbidden_role';
  const rule = ALLOWED.find(([s, a, r]) => s === status && a === action && r === role);
  if (!rule) return 'illegal_status';
  return rule[3] === 'assignee' ? 'not_assignee' : 'submitter_cannot_publish';
}

describe('review workflow', () => {
  const cases = CLAIM_STATUSES.flatMap((status) =>
    WORKFLOW_ACTIONS.flatMap((action) =>
      ROLES.flatMap((role) => RELATIONS.map((relation) => ({ status, action, role, relation }))),
    ),
  );

  it('covers every status × action × role × relation', () => {
    expect(cases).toHaveLength(7 * 8 * 4 * RELATIONS.length);
  });

  it.each(cases)('$status · $action · $role · $relation.name', ({ status, action, role, relation }) => {
    const state = { status, assigneeId: relation.assigneeId, submittedById: relation.submittedById };
    const decision = decide(action, state, { id: ME, roles: [role] });
    if (expectedAllowed(status, action, role, state)) {
      expect(decision).toEqual({ ok: true, to: WORKFLOW[action].to });
    } else {
      expect(decision).toMatchObject({ ok: false, reason: expectedReason(status, action, role) });
    }
  });

  it('moves each action to the status API.md names', () => {
    expect(Object.fromEntries(WORKFLOW_ACTIONS.map((action) => [action, WORKFLOW[action].to]))).toEqual({
      triage: 'triaged',
      dismiss: 'dismissed',
      assign: 'assigned',
      start: 'in_review',
      submit: 'in_approval',
      send_back: 'in_review',
      publish: 'published',
      reopen: 'in_review',
    });
  });

  it('lists exactly the allowed actions, for every status, role and relation', () => {
    for (const status of CLAIM_STATUSES) {
      for (const role of ROLES) {
        for (const relation of RELATIONS) {
          const state = { status, assigneeId: relation.assigneeId, submittedById: relation.submittedById };
          const expected = WORKFLOW_ACTIONS.filter((action) => expectedAllowed(status, action, role, state));
          expect({
            status,
            role,
            relation: relation.name,
            actions: allowedActions(state, { id: ME, roles: [role] }),
          }).toEqual({ status, role, relation: relation.name, actions: expected });
        }
      }
    }
  });

  it('returns the actions allowed now with every refusal', () => {
    const state = { status: 'in_approval' as const, assigneeId: OTHER, submittedById: ME };
    expect(decide('publish', state, { id: ME, roles: ['editor'] })).toEqual({
      ok: false,
      reason: 'submitter_cannot_publish',
      allowedActions: ['send_back'],
    });
    expect(decide('triage', state, { id: ME, roles: ['fact_checker'] })).toEqual({
      ok: false,
      reason: 'forbidden_role',
      allowedActions: [],
    });
  });

  it('applies the four-eyes rule and the assignee rule to admins too', () => {
    const inApproval = { status: 'in_approval' as const, assigneeId: ME, submittedById: ME };
    expect(decide('publish', inApproval, { id: ME, roles: ['admin'] })).toMatchObject({
      ok: false,
      reason: 'submitter_cannot_publish',
    });
    const assigned = { status: 'assigned' as const, assigneeId: OTHER, submittedById: null };
    expect(decide('start', assigned, { id: ME, roles: ['admin'] })).toMatchObject({
      ok: false,
      reason: 'not_assignee',
    });
  });

  it('lets a caller with several roles do what any of them allows', () => {
    const state = { status: 'in_review' as const, assigneeId: ME, submittedById: null };
    expect(allowedActions(state, { id: ME, roles: ['newsroom', 'fact_checker'] })).toEqual(['submit']);
    expect(allowedActions(state, { id: ME, roles: ['fact_checker', 'editor'] })).toEqual([
      'assign',
      'submit',
    ]);
    expect(allowedActions(state, { id: ME, roles: [] })).toEqual([]);
  });

  it('maps route slugs to actions and back', () => {
    expect(actionFromSlug('send-back')).toBe('send_back');
    expect(actionFromSlug('send_back')).toBeUndefined();
    expect(actionFromSlug('delete')).toBeUndefined();
    expect(actionFromSlug('__proto__')).toBeUndefined();
    for (const action of WORKFLOW_ACTIONS) {
      expect(slugOf(action)).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(actionFromSlug(slugOf(action))).toBe(action);
      expect(WORKFLOW[action].summary.length).toBeGreaterThan(0);
      expect(WORKFLOW[action].description.length).toBeGreaterThan(0);
    }
  });
});

describe('assignment steps (take, auto_assign)', () => {
  const unassigned = { status: 'triaged' as const, assigneeId: null, submittedById: null };

  it('lets a reviewer take an unassigned triaged claim, and nobody take it twice', () => {
    for (const role of ['fact_checker', 'editor', 'admin'] as const) {
      expect(decide('take', unassigned, { id: ME, roles: [role] })).toEqual({ ok: true, to: 'assigned' });
      expect(decide('take', { ...unassigned, assigneeId: OTHER }, { id: ME, roles: [role] })).toMatchObject({
        ok: false,
        reason: 'already_assigned',
      });
    }
    expect(decide('take', unassigned, { id: ME, roles: ['newsroom'] })).toMatchObject({
      reason: 'forbidden_role',
    });
    for (const status of CLAIM_STATUSES.filter((status) => status !== 'triaged')) {
      expect(decide('take', { ...unassigned, status }, { id: ME, roles: ['fact_checker'] })).toMatchObject({
        reason: 'illegal_status',
      });
    }
  });

  it('lets only the system auto-assign, and only an unassigned triaged claim', () => {
    expect(decide('auto_assign', unassigned, SYSTEM_ACTOR)).toEqual({ ok: true, to: 'assigned' });
    expect(decide('auto_assign', { ...unassigned, assigneeId: OTHER }, SYSTEM_ACTOR)).toMatchObject({
      reason: 'already_assigned',
    });
    expect(decide('auto_assign', { ...unassigned, status: 'submitted' }, SYSTEM_ACTOR)).toMatchObject({
      reason: 'illegal_status',
    });
    for (const role of ROLES) {
      expect(decide('auto_assign', unassigned, { id: ME, roles: [role] })).toMatchObject({
        reason: 'forbidden_role',
      });
    }
  });

  it('gives the system none of the people’s actions', () => {
    for (const action of WORKFLOW_ACTIONS) {
      expect(decide(action, unassigned, SYSTEM_ACTOR)).toMatchObject({ ok: false, reason: 'forbidden_role' });
    }
  });

  it('keeps the assignment steps out of allowedActions (they are not routes)', () => {
    expect(allowedActions(unassigned, { id: ME, roles: ['fact_checker'] })).toEqual([]);
  });

  it('treats API keys as holding no workflow role', () => {
    expect(workflowActor({ kind: 'api_key', id: 'k', name: 'K', roles: ['editor'] }).roles).toEqual([]);
    expect(workflowActor({ kind: 'user', id: 'u', name: 'U', roles: ['editor'] }).roles).toEqual(['editor']);
  });
});

describe('status groups derived from the table', () => {
  // These are the lists the queue's partial indexes (claims_queue_assigned_idx,
  // claims_queue_unassigned_idx) and the timers were written for.
  it('derives open, assigned, timed and takeable statuses', () => {
    expect(OPEN_STATUSES).toEqual(['triaged', 'assigned', 'in_review', 'in_approval']);
    expect(ASSIGNED_STATUSES).toEqual(['assigned', 'in_review', 'in_approval']);
    expect(TIMED_STATUSES).toEqual(['assigned', 'in_review']);
    expect(TAKEABLE_STATUSES).toEqual(['triaged']);
  });
});
