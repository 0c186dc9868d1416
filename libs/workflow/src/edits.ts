import type { Role } from '@claimdesk/platform';
import { CLAIM_STATUSES, ClaimStatus, WORKFLOW, WORKFLOW_ACTIONS, WorkflowAction } from './workflow';

/**
 * The edit half of the rule book: in each status, who may change which part of a claim. The
 * claims and notes services ask `decideEdit()` before they write, the claim view lists
 * `allowedEdits()`, and the OpenAPI description is written from `EDIT_RULES`, so the three agree.
 */

/** What `PATCH /v1/claims/:id` and the sub-resource routes can change, in API.md's order. */
export const CLAIM_EDITS = [
  'text',
  'summary',
  'tags',
  'priority',
  'dueAt',
  'evidenceStatus',
  'stances',
  'evidence',
  'notes',
] as const;
export type ClaimEdit = (typeof CLAIM_EDITS)[number];

/** The fields of the claim row itself (the rest are sub-resources). */
export const FIELD_EDITS = ['text', 'summary', 'tags', 'priority', 'dueAt', 'evidenceStatus'] as const;
export type FieldEdit = (typeof FIELD_EDITS)[number];

/**
 * Who may make an edit, by their relation to the claim or their role:
 * - `submitter`: the desk member who submitted the claim;
 * - `assignee`: the claim's assignee;
 * - `editors`: anyone with the role `editor` or `admin`;
 * - `desk`: any member of the desk (fact-checker, editor, admin).
 * Relations hold only for people with a desk role: a newsroom key is never a submitter or assignee.
 */
export type EditRight = 'submitter' | 'assignee' | 'editors' | 'desk';

const DESK_ROLES: readonly Role[] = ['fact_checker', 'editor', 'admin'];
const EDITOR_ROLES: readonly Role[] = ['editor', 'admin'];

export interface StatusEditRule {
  /** Who may change the claim's content (every edit but notes) in this status; empty: nobody. */
  content: readonly EditRight[];
  /** Who may add notes in this status. */
  notes: readonly EditRight[];
}

const BEFORE_ASSIGNMENT: readonly EditRight[] = ['submitter', 'editors'];
const DURING_REVIEW: readonly EditRight[] = ['assignee', 'editors'];
const NOBODY: readonly EditRight[] = [];
const DESK: readonly EditRight[] = ['desk'];

export const EDIT_RULES: Readonly<Record<ClaimStatus, StatusEditRule>> = {
  submitted: {
    content: BEFORE_ASSIGNMENT,
    notes: DESK,
  },
  triaged: {
    content: BEFORE_ASSIGNMENT,
    notes: DESK,
  },
  assigned: {
    content: DURING_REVIEW,
    notes: DESK,
  },
  in_review: {
    content: DURING_REVIEW,
    notes: DESK,
  },
  in_approval: {
    content: NOBODY,
    notes: DESK,
  },
  published: {
    content: NOBODY,
    notes: DESK,
  },
  dismissed: {
    content: NOBODY,
    notes: DESK,
  },
};

/** The rights that allow `edit` while the claim is in `status`. */
export function editRights(status: ClaimStatus, edit: ClaimEdit): readonly EditRight[] {
  const rule = EDIT_RULES[status];
  return edit === 'notes' ? rule.notes : rule.content;
}

/** What the edit rules need to know about a claim. */
export interface EditClaimState {
  status: ClaimStatus;
  assigneeId: string | null;
  /** The user who submitted the claim; null when a key or an import did. */
  submitterId: string | null;
}

export interface EditActor {
  id: string;
  roles: readonly Role[];
}

export type EditDenial = 'forbidden_role' | 'illegal_status' | 'not_permitted';

export type EditDecision =
  | { ok: true }
  | {
      ok: false;
      reason: EditDenial;
      /** The workflow actions that lead from this status to one where the edit is open. */
      openedBy: WorkflowAction[];
      allowedEdits: ClaimEdit[];
    };

function holds(right: EditRight, state: EditClaimState, actor: EditActor): boolean {
  if (!actor.roles.some((role) => DESK_ROLES.includes(role))) return false;
  switch (right) {
    case 'desk':
      return true;
    case 'editors':
      return actor.roles.some((role) => EDITOR_ROLES.includes(role));
    case 'submitter':
      return state.submitterId !== null && state.submitterId === actor.id;
    case 'assignee':
      return state.assigneeId !== null && state.assigneeId === actor.id;
  }
}

/**
 * Decides whether `actor` may make `edit` on a claim in `state`. Role → status → relation, as
 * `decide()` does for actions: a caller who could never make the edit (no desk role) is refused
 * whatever the claim's state; a status in which nobody may make it is a 409 naming the actions
 * that would open it; being neither the submitter nor the assignee (when those are the ones who
 * may) is a 403.
 */
export function decideEdit(edit: ClaimEdit, state: EditClaimState, actor: EditActor): EditDecision {
  const reason = editDenialOf(edit, state, actor);
  if (reason === undefined) return { ok: true };
  return {
    ok: false,
    reason,
    openedBy: openedBy(edit, state.status),
    allowedEdits: allowedEdits(state, actor),
  };
}

/** The edits `actor` may make on the claim right now, in `CLAIM_EDITS` order. */
export function allowedEdits(state: EditClaimState, actor: EditActor): ClaimEdit[] {
  return CLAIM_EDITS.filter((edit) => editDenialOf(edit, state, actor) === undefined);
}

/** The actions from `status` to a status where someone may make `edit` (empty when it is open now). */
export function openedBy(edit: ClaimEdit, status: ClaimStatus): WorkflowAction[] {
  if (editRights(status, edit).length > 0) return [];
  return WORKFLOW_ACTIONS.filter(
    (action) => WORKFLOW[action].from.includes(status) && editRights(WORKFLOW[action].to, edit).length > 0,
  );
}

function editDenialOf(edit: ClaimEdit, state: EditClaimState, actor: EditActor): EditDenial | undefined {
  if (!actor.roles.some((role) => DESK_ROLES.includes(role))) return 'forbidden_role';
  const rights = editRights(state.status, edit);
  if (rights.length === 0) return 'illegal_status';
  if (!rights.some((right) => holds(right, state, actor))) return 'not_permitted';
  return undefined;
}

const RIGHT_WORDS: Record<EditRight, string> = {
  submitter: 'the submitter',
  assignee: 'the assignee',
  editors: 'editors',
  desk: 'desk staff',
};

/** `['submitter', 'editors']` → "the submitter or editors". */
export function describeRights(rights: readonly EditRight[]): string {
  return rights.length === 0 ? 'nobody' : rights.map((right) => RIGHT_WORDS[right]).join(' or ');
}

/** The edit rules in API.md's words, for the OpenAPI description of the edit routes. */
export function describeEditRules(): string {
  const groups = new Map<string, ClaimStatus[]>();
  for (const status of CLAIM_STATUSES) {
    const rights = EDIT_RULES[status].content;
    const opening = openedBy('text', status).map((action) => `\`${WORKFLOW[action].slug}\``);
    const words =
      rights.length > 0
        ? rights.map((right) => RIGHT_WORDS[right]).join(' and ')
        : `nobody (${opening.length ? `a change needs ${opening.join(' or ')}` : 'it is closed'})`;
    groups.set(words, [...(groups.get(words) ?? []), status]);
  }
  const lines = [...groups].map(
    ([words, statuses]) => `while ${statuses.map((status) => `\`${status}\``).join('/')}: ${words}`,
  );
  const notes = CLAIM_STATUSES.every((status) => EDIT_RULES[status].notes === DESK)
    ? 'Notes stay open to desk staff in every status.'
    : '';
  return [
    `Who may edit what (text, summary, tags, priority, dueAt, evidenceStatus, stances, evidence): ${lines.join('; ')}.`,
    notes,
    'A refused edit changes nothing: 409 when the status forbids it (`openedBy` names the actions that would open it), 403 when the caller may not; both carry `claimStatus`, `allowedActions` and `allowedEdits`. The claim view lists the caller’s `allowedEdits`.',
  ]
    .filter(Boolean)
    .join(' ');
}

export function isClaimEdit(value: unknown): value is ClaimEdit {
  return typeof value === 'string' && (CLAIM_EDITS as readonly string[]).includes(value);
}
