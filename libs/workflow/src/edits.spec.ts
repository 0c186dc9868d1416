import { ROLES, Role } from '@claimdesk/platform';
import {
  allowedEdits,
  CLAIM_EDITS,
  ClaimEdit,
  decideEdit,
  describeEditRules,
  EditClaimState,
  EditDenial,
  openedBy,
} from './edits';
import { CLAIM_STATUSES, ClaimStatus, WorkflowAction } from './workflow';

/**
 * The edit rules written out by hand from API.md ("Who may edit what"), independently of
 * EDIT_RULES: for each status, who may change the claim's content and who may add notes.
 * `submitter`/`assignee` are relations; `editors` means the role editor or admin; `desk` any desk role.
 */
type Who = 'submitter' | 'assignee' | 'editors' | 'desk';
const CONTENT: Record<ClaimStatus, Who[]> = {
  submitted: ['submitter', 'editors'],
  triaged: ['submitter', 'editors'],
  assigned: ['assignee', 'editors'],
  in_review: ['assignee', 'editors'],
  in_approval: [],
  published: [],
  dismissed: [],
};
/** Notes stay open to desk staff in every status. */
const NOTES: Who[] = ['desk'];
/** The action API.md names for each closed status. */
const OPENED_BY: Partial<Record<ClaimStatus, WorkflowAction[]>> = {
  in_approval: ['send_back'],
  published: ['reopen'],
  dismissed: [],
};

const ME = 'user-me';
const OTHER = 'user-other';

const RELATIONS = [
  { name: 'submitter and assignee', submitterId: ME, assigneeId: ME },
  { name: 'submitter only', submitterId: ME, assigneeId: OTHER },
  { name: 'assignee only', submitterId: OTHER, assigneeId: ME },
  { name: 'neither', submitterId: OTHER, assigneeId: OTHER },
  { name: 'no submitter, nobody assigned', submitterId: null, assigneeId: null },
] as const;

const isDesk = (role: Role) => role === 'fact_checker' || role === 'editor' || role === 'admin';

function holds(who: Who, role: Role, state: EditClaimState): boolean {
  if (!isDesk(role)) return false;
  if (who === 'desk') return true;
  if (who === 'editors') return role === 'editor' || role === 'admin';
  if (who === 'submitter') return state.submitterId === ME;
  return state.assigneeId === ME;
}

const whoMay = (status: ClaimStatus, edit: ClaimEdit) => (edit === 'notes' ? NOTES : CONTENT[status]);

function expected(edit: ClaimEdit, state: EditClaimState, role: Role): true | EditDenial {
  if (!isDesk(role)) return 'forbidden_role';
  const who = whoMay(state.status, edit);
  if (who.length === 0) return 'illegal_status';
  return who.some((right) => holds(right, role, state)) ? true : 'not_permitted';
}

describe('edit rules', () => {
  const cases = CLAIM_STATUSES.flatMap((status) =>
    CLAIM_EDITS.flatMap((edit) =>
      ROLES.flatMap((role) => RELATIONS.map((relation) => ({ status, edit, role, relation }))),
    ),
  );

  it('covers every status × edit × role × relation', () => {
    expect(cases).toHaveLength(7 * 9 * 4 * RELATIONS.length);
  });

  it.each(cases)('$status · $edit · $role · $relation.name', ({ status, edit, role, relation }) => {
    const state = { status, submitterId: relation.submitterId, assigneeId: relation.assigneeId };
    const decision = decideEdit(edit, state, { id: ME, roles: [role] });
    const want = expected(edit, state, role);
    if (want === true) expect(decision).toEqual({ ok: true });
    else expect(decision).toMatchObject({ ok: false, reason: want });
  });

  it('lists exactly the allowed edits, for every status, role and relation', () => {
    for (const status of CLAIM_STATUSES) {
      for (const role of ROLES) {
        for (const relation of RELATIONS) {
          const state = { status, submitterId: relation.submitterId, assigneeId: relation.assigneeId };
          const want = CLAIM_EDITS.filter((edit) => expected(edit, state, role) === true);
          expect({
            status,
            role,
            relation: relation.name,
            edits: allowedEdits(state, { id: ME, roles: [role] }),
          }).toEqual({ status, role, relation: relation.name, edits: want });
        }
      }
    }
  });

  it('names the actions that open a closed edit, and none for an open one', () => {
    for (const status of CLAIM_STATUSES) {
      for (const edit of CLAIM_EDITS) {
        const want = whoMay(status, edit).length > 0 ? [] : (OPENED_BY[status] ?? []);
        expect({ status, edit, openedBy: openedBy(edit, status) }).toEqual({ status, edit, openedBy: want });
      }
    }
  });

  it('carries openedBy and allowedEdits with a refusal', () => {
    const state = { status: 'published' as const, submitterId: ME, assigneeId: ME };
    expect(decideEdit('text', state, { id: ME, roles: ['editor'] })).toEqual({
      ok: false,
      reason: 'illegal_status',
      openedBy: ['reopen'],
      allowedEdits: ['notes'],
    });
  });

  it('gives a caller with several roles what any of them allows', () => {
    const state = { status: 'in_review' as const, submitterId: OTHER, assigneeId: OTHER };
    expect(allowedEdits(state, { id: ME, roles: ['newsroom', 'editor'] })).toEqual([...CLAIM_EDITS]);
    expect(allowedEdits(state, { id: ME, roles: [] })).toEqual([]);
  });

  it('describes the rules in API.md’s words', () => {
    expect(describeEditRules()).toContain(
      'while `submitted`/`triaged`: the submitter and editors; while `assigned`/`in_review`: the assignee and editors; while `in_approval`: nobody (a change needs `send-back`); while `published`: nobody (a change needs `reopen`); while `dismissed`: nobody (it is closed).',
    );
    expect(describeEditRules()).toContain('Notes stay open to desk staff in every status.');
  });
});
