import type { Principal, Role } from '@claimdesk/platform';

/**
 * The review workflow as data: which action moves a claim from which status to which, and who may
 * take it. The API's action routes, `allowedActions` on a claim, the worker and the OpenAPI
 * description all read this one table, so a rule changes in exactly one place.
 */

export const CLAIM_STATUSES = [
  'submitted',
  'triaged',
  'assigned',
  'in_review',
  'in_approval',
  'published',
  'dismissed',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const WORKFLOW_ACTIONS = [
  'triage',
  'dismiss',
  'assign',
  'start',
  'submit',
  'send_back',
  'publish',
  'reopen',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/**
 * The other ways a claim gets assigned: rows of the same table, but not action routes. `take` is a
 * reviewer taking an unassigned claim (`POST /v1/review-queue/next`); `auto_assign` is the
 * system's auto-assignment, which no person may take.
 */
export const ASSIGNMENT_STEPS = ['take', 'auto_assign'] as const;
export type AssignmentStep = (typeof ASSIGNMENT_STEPS)[number];

/** Every row of the table. */
export type WorkflowStep = WorkflowAction | AssignmentStep;
export const WORKFLOW_STEPS: readonly WorkflowStep[] = [...WORKFLOW_ACTIONS, ...ASSIGNMENT_STEPS];

/**
 * A check on the person, beyond their role:
 * - `assignee`: only the claim's assignee may take the action;
 * - `not_submitter`: the four-eyes rule, whoever submitted the review may not publish it;
 * - `unassigned`: only a claim nobody has yet (a taken claim is not taken again).
 */
export type WorkflowGuard = 'assignee' | 'not_submitter' | 'unassigned';

export interface WorkflowRule {
  from: readonly ClaimStatus[];
  to: ClaimStatus;
  /** Who may take it; empty with `system` for the steps only the system takes. */
  roles: readonly Role[];
  guard?: WorkflowGuard;
  /** Only the system (no person) takes this step. */
  system?: true;
  /** One line for the OpenAPI summary. */
  summary: string;
  /** Who may do it and what it does, for the OpenAPI description. */
  description: string;
}

export interface WorkflowTransition extends WorkflowRule {
  /** The last path segment of `POST /v1/claims/:id/<slug>`. */
  slug: string;
}

const EDITORS: readonly Role[] = ['editor', 'admin'];
// Anyone who can be given a claim to review; the `assignee` guard then narrows it to that one person.
const REVIEWERS: readonly Role[] = ['fact_checker', 'editor', 'admin'];

/**
 * `admin` appears wherever `editor` does, because admins may do everything editors may. The guards
 * are not waived for admins: an admin who is not the assignee cannot start or submit someone
 * else's review (they can assign it to themselves first, which leaves a trace in the history), and
 * an admin cannot publish a review they submitted. Skipping either would defeat the point of the
 * rule, which is that two different people put their name to every published fact-check.
 */
export const WORKFLOW: Readonly<Record<WorkflowAction, WorkflowTransition>> = {
  triage: {
    from: ['submitted'],
    to: 'triaged',
    roles: EDITORS,
    slug: 'triage',
    summary: 'Triage a submitted claim',
    description: 'Editors accept a submitted claim for review, optionally setting its priority and due date.',
  },
  dismiss: {
    from: ['submitted', 'triaged'],
    to: 'dismissed',
    roles: EDITORS,
    slug: 'dismiss',
    summary: 'Dismiss a claim',
    description:
      'Editors dismiss a claim that is not worth checking, with a reason. Only before it is assigned.',
  },
  assign: {
    from: ['triaged', 'assigned', 'in_review'],
    to: 'assigned',
    roles: EDITORS,
    slug: 'assign',
    summary: 'Assign a claim to a fact-checker',
    description:
      'Editors assign (or reassign) a claim to a reviewer. Reassigning a review in progress returns it to `assigned`.',
  },
  start: {
    from: ['assigned'],
    to: 'in_review',
    roles: REVIEWERS,
    guard: 'assignee',
    slug: 'start',
    summary: 'Start reviewing an assigned claim',
    description: 'Only the assignee may start the review, whatever their role.',
  },
  submit: {
    from: ['in_review'],
    to: 'in_approval',
    roles: REVIEWERS,
    guard: 'assignee',
    slug: 'submit',
    summary: 'Submit a review for approval',
    description:
      'Only the assignee may submit their review (verdict, summary, evidence status) for an editor to approve.',
  },
  send_back: {
    from: ['in_approval'],
    to: 'in_review',
    roles: EDITORS,
    slug: 'send-back',
    summary: 'Send a review back to its reviewer',
    description: 'Editors return a submitted review to the assignee with a comment.',
  },
  publish: {
    from: ['in_approval'],
    to: 'published',
    roles: EDITORS,
    guard: 'not_submitter',
    slug: 'publish',
    summary: 'Publish an approved review',
    description:
      'Editors publish a submitted review. The editor who submitted the review cannot publish it (four-eyes rule).',
  },
  reopen: {
    from: ['published'],
    to: 'in_review',
    roles: EDITORS,
    slug: 'reopen',
    summary: 'Reopen a published review for a correction',
    description:
      'Editors reopen a published review, with a reason; it goes back to the assignee for correction.',
  },
};

/** The assignment steps that are not routes; `assign` above is the editors' one. */
export const ASSIGNMENT_RULES: Readonly<Record<AssignmentStep, WorkflowRule>> = {
  take: {
    from: ['triaged'],
    to: 'assigned',
    roles: REVIEWERS,
    guard: 'unassigned',
    summary: 'Take the next unassigned claim',
    description:
      'A reviewer takes an unassigned triaged claim from the queue (`POST /v1/review-queue/next`); it becomes theirs.',
  },
  auto_assign: {
    from: ['triaged'],
    to: 'assigned',
    roles: [],
    system: true,
    guard: 'unassigned',
    summary: 'Auto-assign a triaged claim',
    description:
      'The system gives an unassigned triaged claim to a matching fact-checker (REVIEW_AUTO_ASSIGN).',
  },
};

/** Any row of the table. */
export function ruleOf(step: WorkflowStep): WorkflowRule {
  return step in WORKFLOW ? WORKFLOW[step as WorkflowAction] : ASSIGNMENT_RULES[step as AssignmentStep];
}

/** What the rules need to know about a claim. */
export interface WorkflowClaimState {
  status: ClaimStatus;
  assigneeId: string | null;
  /** Who submitted the review now awaiting approval (or last submitted it). */
  submittedById: string | null;
}

/** What the rules need to know about the caller. */
export interface WorkflowActor {
  id: string;
  roles: readonly Role[];
  /** The system itself (auto-assignment), not a person. */
  system?: true;
}

/**
 * The caller as the rules see them. Only people act on the workflow and edit claims: reviews and
 * notes record who acted as a user id, so an API key (whatever role it were given) holds no role here.
 */
export function workflowActor(principal: Principal | undefined): WorkflowActor {
  return { id: principal?.id ?? '', roles: principal?.kind === 'user' ? principal.roles : [] };
}

/** The actor of the steps the system takes. */
export const SYSTEM_ACTOR: WorkflowActor = { id: 'system', roles: [], system: true };

export type WorkflowDenial =
  'illegal_status' | 'forbidden_role' | 'not_assignee' | 'submitter_cannot_publish' | 'already_assigned';

export type WorkflowDecision =
  { ok: true; to: ClaimStatus } | { ok: false; reason: WorkflowDenial; allowedActions: WorkflowAction[] };

/**
 * Decides whether `actor` may take `action` on a claim in `state`.
 *
 * The checks run role → status → person. A role that may never take the action is refused
 * (403-worthy) whatever the claim's state, so callers learn nothing from the order; the status
 * comes next (a 409 listing what is possible now); the guards last, since whether someone is the
 * assignee or the submitter only matters in the status the action starts from.
 */
export function decide(
  action: WorkflowStep,
  state: WorkflowClaimState,
  actor: WorkflowActor,
): WorkflowDecision {
  const reason = denialOf(action, state, actor);
  if (reason === undefined) return { ok: true, to: ruleOf(action).to };
  return { ok: false, reason, allowedActions: allowedActions(state, actor) };
}

/** The actions `actor` may take on the claim right now, in the table's order. */
export function allowedActions(state: WorkflowClaimState, actor: WorkflowActor): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => denialOf(action, state, actor) === undefined);
}

function denialOf(
  action: WorkflowStep,
  state: WorkflowClaimState,
  actor: WorkflowActor,
): WorkflowDenial | undefined {
  const rule = ruleOf(action);
  const mayTake = rule.system
    ? actor.system === true
    : actor.system !== true && actor.roles.some((role) => rule.roles.includes(role));
  if (!mayTake) return 'forbidden_role';
  if (!rule.from.includes(state.status)) return 'illegal_status';
  if (rule.guard === 'unassigned' && state.assigneeId !== null) return 'already_assigned';
  if (rule.guard === 'assignee' && (state.assigneeId === null || state.assigneeId !== actor.id)) {
    return 'not_assignee';
  }
  if (rule.guard === 'not_submitter' && state.submittedById !== null && state.submittedById === actor.id) {
    return 'submitter_cannot_publish';
  }
  return undefined;
}

const inOrder = (statuses: Iterable<ClaimStatus>): ClaimStatus[] => {
  const set = new Set(statuses);
  return CLAIM_STATUSES.filter((status) => set.has(status));
};

const ASSIGNEE_ACTIONS = WORKFLOW_ACTIONS.filter((action) => WORKFLOW[action].guard === 'assignee');
const ASSIGNING_STEPS: readonly WorkflowStep[] = ['assign', ...ASSIGNMENT_STEPS];

/**
 * Statuses in which the assignee owes work: those an assignee-only action starts from (`start`,
 * `submit`). Due-date timers count in these; once submitted, the clock is the editors' business.
 */
export const TIMED_STATUSES: readonly ClaimStatus[] = inOrder(
  ASSIGNEE_ACTIONS.flatMap((action) => WORKFLOW[action].from),
);

/**
 * Statuses of a claim with an assignee at work: where the assignee owes work, and where their
 * own actions lead (a submitted review still counts against its reviewer until it is decided).
 */
export const ASSIGNED_STATUSES: readonly ClaimStatus[] = inOrder([
  ...TIMED_STATUSES,
  ...ASSIGNEE_ACTIONS.map((action) => WORKFLOW[action].to),
]);

/** Statuses of claims someone is (or should be) working on: those a claim can be assigned from, and the assigned ones. */
export const OPEN_STATUSES: readonly ClaimStatus[] = inOrder([
  ...ASSIGNING_STEPS.flatMap((step) => ruleOf(step).from),
  ...ASSIGNED_STATUSES,
]);

/** Statuses an unassigned claim may be taken from (`take`), the queue's `unassigned` scope. */
export const TAKEABLE_STATUSES: readonly ClaimStatus[] = inOrder(ASSIGNMENT_RULES.take.from);

const BY_SLUG = new Map<string, WorkflowAction>(
  WORKFLOW_ACTIONS.map((action) => [WORKFLOW[action].slug, action]),
);

/** `send-back` → `send_back`; undefined for anything that is not an action route. */
export function actionFromSlug(slug: string): WorkflowAction | undefined {
  return BY_SLUG.get(slug);
}

/** `send_back` → `send-back`. */
export function slugOf(action: WorkflowAction): string {
  return WORKFLOW[action].slug;
}

export function isClaimStatus(value: unknown): value is ClaimStatus {
  return typeof value === 'string' && (CLAIM_STATUSES as readonly string[]).includes(value);
}

export function isWorkflowAction(value: unknown): value is WorkflowAction {
  return typeof value === 'string' && (WORKFLOW_ACTIONS as readonly string[]).includes(value);
}
