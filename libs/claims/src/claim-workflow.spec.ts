import { CLAIM_EDITS } from '@claimdesk/workflow';
import { Principal } from '@claimdesk/platform';
import { claimWorkflowView, ReviewRow, toReviewView } from './claim-workflow';

const editor: Principal = { kind: 'user', id: 'e1', name: 'Editor', roles: ['editor'] };
const checker: Principal = { kind: 'user', id: 'c1', name: 'Checker', roles: ['fact_checker'] };
const newsroom: Principal = { kind: 'api_key', id: 'k1', name: 'Newsroom', roles: ['newsroom'] };

function review(round: number, outcome: ReviewRow['outcome'], extra: Partial<ReviewRow> = {}): ReviewRow {
  return {
    id: `r${round}`,
    claim_id: 'claim',
    round,
    verdict: 'false',
    summary: `round ${round}`,
    evidence_status: 'debunked',
    submitted_by: 'c1',
    submitted_at: new Date('2022-05-06T10:00:00Z'),
    outcome,
    decided_by: outcome === 'pending' ? null : 'e1',
    decided_at: outcome === 'pending' ? null : new Date('2022-05-07T10:00:00Z'),
    decision_comment: null,
    published_at: outcome === 'published' ? new Date('2022-05-07T10:00:00Z') : null,
    corrects_review_id: null,
    ...extra,
  };
}

describe('toReviewView', () => {
  it('presents a row with its rating and ISO times', () => {
    expect(toReviewView(review(1, 'published'))).toEqual({
      id: 'r1',
      round: 1,
      verdict: 'false',
      rating: 1,
      summary: 'round 1',
      evidenceStatus: 'debunked',
      submittedBy: 'c1',
      submittedAt: '2022-05-06T10:00:00.000Z',
      outcome: 'published',
      decidedBy: 'e1',
      decidedAt: '2022-05-07T10:00:00.000Z',
      decisionComment: null,
      publishedAt: '2022-05-07T10:00:00.000Z',
      correctsReviewId: null,
    });
    expect(toReviewView(review(1, 'pending', { verdict: 'unproven' })).rating).toBeNull();
  });
});

describe('claimWorkflowView', () => {
  it('has no reviews and only the triage actions for a new claim', () => {
    const view = claimWorkflowView({ status: 'submitted', assigneeId: null, submitterId: null }, [], editor);
    expect(view).toEqual({
      currentReview: null,
      publishedReviews: [],
      allowedActions: ['triage', 'dismiss'],
      allowedEdits: [...CLAIM_EDITS],
    });
  });

  it('lists the edits of the submitter and the assignee, and none for newsroom keys', () => {
    const submitted = { status: 'submitted' as const, assigneeId: null, submitterId: 'c1' };
    expect(claimWorkflowView(submitted, [], checker).allowedEdits).toEqual([...CLAIM_EDITS]);
    expect(claimWorkflowView(submitted, [], { ...checker, id: 'c2' }).allowedEdits).toEqual(['notes']);
    const inReview = { status: 'in_review' as const, assigneeId: 'c2', submitterId: 'c1' };
    expect(claimWorkflowView(inReview, [], checker).allowedEdits).toEqual(['notes']);
    expect(claimWorkflowView(inReview, [], newsroom).allowedEdits).toEqual([]);
  });

  it('applies the four-eyes rule to the pending review’s submitter', () => {
    const reviews = [review(1, 'pending', { submitted_by: 'e1' })];
    const state = { status: 'in_approval' as const, assigneeId: 'e1', submitterId: null };
    expect(claimWorkflowView(state, reviews, editor).allowedActions).toEqual(['send_back']);
    const other: Principal = { ...editor, id: 'e2' };
    expect(claimWorkflowView(state, reviews, other).allowedActions).toEqual(['send_back', 'publish']);
  });

  it('does not hold an earlier round’s submitter to the four-eyes rule', () => {
    // Round 1 by e1 was sent back; round 2 by c1 awaits approval, so e1 may publish it.
    const reviews = [review(1, 'sent_back', { submitted_by: 'e1' }), review(2, 'pending')];
    const view = claimWorkflowView(
      { status: 'in_approval', assigneeId: 'c1', submitterId: null },
      reviews,
      editor,
    );
    expect(view.allowedActions).toEqual(['send_back', 'publish']);
  });

  it('keeps every published review and the latest as current', () => {
    const reviews = [
      review(1, 'sent_back'),
      review(2, 'published'),
      review(3, 'published', { corrects_review_id: 'r2' }),
      review(4, 'pending'),
    ];
    const view = claimWorkflowView(
      { status: 'in_approval', assigneeId: 'c1', submitterId: null },
      reviews,
      checker,
    );
    expect(view.currentReview?.id).toBe('r4');
    expect(view.publishedReviews.map((item) => [item.id, item.correctsReviewId])).toEqual([
      ['r2', null],
      ['r3', 'r2'],
    ]);
    expect(view.allowedActions).toEqual([]);
  });

  it('gives newsroom keys and principal-less reads no actions (claim-visibility.ts hides their reviews)', () => {
    const reviews = [review(1, 'published'), review(2, 'pending')];
    for (const principal of [newsroom, undefined]) {
      const view = claimWorkflowView(
        { status: 'in_approval', assigneeId: 'c1', submitterId: null },
        reviews,
        principal,
      );
      expect(view.allowedActions).toEqual([]);
      expect(view.allowedEdits).toEqual([]);
    }
  });

  it('gives the assignee their own actions only', () => {
    const state = { status: 'assigned' as const, assigneeId: 'c1', submitterId: null };
    expect(claimWorkflowView(state, [], checker).allowedActions).toEqual(['start']);
    expect(claimWorkflowView(state, [], { ...checker, id: 'c2' }).allowedActions).toEqual([]);
    expect(claimWorkflowView(state, [], editor).allowedActions).toEqual(['assign']);
  });
});
