import type { HistoryEntry } from '@claimdesk/events';
import type { PublishedVersion } from '@claimdesk/publications';
import { PUBLIC_EVENT_TYPES, visibleClaim, visibleEvent, visibleListItem } from './claim-visibility';
import type { ClaimListItemView, ClaimView } from './dto/claim.view';
import type { ReviewView } from './dto/review.view';

const desk = { kind: 'user' as const, id: 'u-editor' };
const review: ReviewView = {
  id: 'r2',
  round: 2,
  verdict: 'mostly_true',
  rating: 6,
  summary: 'draft',
  evidenceStatus: 'corroborated',
  submittedBy: 'u-checker',
  submittedAt: '2026-01-02T00:00:00.000Z',
  outcome: 'pending',
  decidedBy: null,
  decidedAt: null,
  decisionComment: null,
  publishedAt: null,
  correctsReviewId: null,
};
const published: PublishedVersion = {
  claimId: 'c1',
  reviewId: 'r1',
  version: 1,
  publishedAt: '2026-01-01T00:00:00.000Z',
  language: 'en',
  text: 'The claim.',
  summary: 'It is false.',
  verdict: 'false',
  rating: 1,
  evidenceStatus: 'debunked',
  stances: [],
  evidence: [],
  appearances: [],
  correction: null,
  submittedBy: { id: 'u-checker', name: 'Checker' },
  approvedBy: { id: 'u-editor', name: 'Editor' },
};
const claim: ClaimView = {
  id: 'c1',
  text: 'The claim.',
  summary: null,
  language: 'en',
  tags: ['t'],
  priority: 'normal',
  status: 'in_approval',
  evidenceStatus: 'corroborated',
  verdict: 'false',
  assigneeId: 'u-checker',
  dueAt: null,
  source: null,
  stances: [
    {
      id: 's1',
      type: 'asserted',
      actor: { id: 'a1', name: 'A', kind: 'person', title: null, country: null },
      statedAt: null,
      quote: null,
      sourceUrl: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: { ...desk },
    },
  ],
  createdBy: { kind: 'user', id: 'u-checker' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 9,
  evidence: [
    {
      id: 'e1',
      kind: 'document',
      summary: 'x',
      url: null,
      relation: 'refutes',
      reliability: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: { kind: 'user', id: 'u-checker' },
    },
  ],
  notesCount: 3,
  currentReview: review,
  publishedReview: null,
  publishedReviews: [{ ...review, id: 'r1', outcome: 'published' }],
  allowedActions: ['publish'],
  allowedEdits: ['notes'],
};

describe('visibleClaim', () => {
  it('shows the desk everything, with the latest published version and who made it', () => {
    const shown = visibleClaim(claim, published, 'desk');
    expect(shown).toEqual({
      ...claim,
      publishedReview: {
        ...(({ claimId: _c, reviewId: _r, ...rest }) => rest)(published),
      },
    });
    expect(shown.publishedReview?.submittedBy).toEqual({ id: 'u-checker', name: 'Checker' });
  });

  // One case per field the public may not see as the desk does; every other field is the registry's.
  const publicCases: [keyof ClaimView, unknown, unknown][] = [
    ['evidenceStatus', 'debunked', 'unverified'],
    ['verdict', 'false', null],
    ['assigneeId', null, null],
    ['createdBy', null, null],
    ['notesCount', 0, 0],
    ['currentReview', null, null],
    ['publishedReviews', [], []],
    ['allowedActions', [], []],
    ['allowedEdits', [], []],
  ];
  it.each(publicCases)(
    'shows the public %s as %j (%j before any publication)',
    (field, withVersion, without) => {
      expect(visibleClaim(claim, published, 'public')[field]).toEqual(withVersion);
      expect(visibleClaim(claim, null, 'public')[field]).toEqual(without);
    },
  );

  it('shows the public the published version without who submitted or approved it', () => {
    const shown = visibleClaim(claim, published, 'public').publishedReview;
    expect(shown).toMatchObject({ version: 1, verdict: 'false', evidenceStatus: 'debunked' });
    expect(shown).not.toHaveProperty('submittedBy');
    expect(shown).not.toHaveProperty('approvedBy');
    expect(shown).not.toHaveProperty('reviewId');
    expect(visibleClaim(claim, null, 'public').publishedReview).toBeNull();
  });

  it('shows the public stances and evidence without who recorded them', () => {
    const shown = visibleClaim(claim, published, 'public');
    expect(shown.stances).toEqual([{ ...claim.stances[0], createdBy: null }]);
    expect(shown.evidence).toEqual([{ ...claim.evidence[0], createdBy: null }]);
  });

  it('leaves the registry fields as they are', () => {
    const shown = visibleClaim(claim, published, 'public');
    for (const field of [
      'id',
      'text',
      'summary',
      'language',
      'tags',
      'priority',
      'status',
      'dueAt',
      'source',
      'version',
    ] as const) {
      expect(shown[field]).toEqual(claim[field]);
    }
    expect(JSON.stringify(shown)).not.toMatch(/u-checker|u-editor|draft|corroborated/);
  });

  it('applies the same rules to list items', () => {
    const {
      evidence: _e,
      notesCount: _n,
      currentReview: _c,
      publishedReview: _p,
      publishedReviews: _ps,
      allowedActions: _a,
      allowedEdits: _ae,
      ...summary
    } = claim;
    const item: ClaimListItemView = { ...summary, evidenceCount: 1 };
    expect(visibleListItem(item, published, 'desk')).toEqual(item);
    expect(visibleListItem(item, published, 'public')).toEqual({
      ...item,
      evidenceStatus: 'debunked',
      assigneeId: null,
      createdBy: null,
      stances: [{ ...item.stances[0], createdBy: null }],
    });
  });
});

describe('visibleEvent', () => {
  const entry = (type: HistoryEntry['type'], changes: Record<string, unknown>): HistoryEntry => ({
    id: '1',
    type,
    at: '2026-01-01T00:00:00.000Z',
    actor: { kind: 'user', id: 'u-editor', name: 'Editor' },
    changes,
  });
  const versions = new Map([['r1', published]]);
  const show = (type: HistoryEntry['type'], changes: Record<string, unknown>) =>
    visibleEvent(entry(type, changes), 'public', versions);

  it('shows the desk every event as recorded', () => {
    const submitted = entry('claim.submitted', { verdict: 'true', submittedBy: 'u-checker' });
    expect(visibleEvent(submitted, 'desk', versions)).toBe(submitted);
  });

  it('hides notes, working evidence status and timers from the public', () => {
    for (const type of [
      'claim.note_added',
      'claim.evidence_status_changed',
      'claim.due_soon',
      'claim.overdue',
    ] as const) {
      expect(show(type, { version: 2 })).toBeNull();
      expect(PUBLIC_EVENT_TYPES).not.toContain(type);
    }
  });

  it('shows workflow steps without verdicts, comments, reasons or people', () => {
    expect(
      show('claim.submitted', { version: 3, verdict: 'true', reviewId: 'r2', submittedBy: 'u' }),
    ).toEqual({
      ...entry('claim.submitted', { version: 3 }),
      actor: null,
    });
    expect(show('claim.sent_back', { version: 4, comment: 'no', assigneeId: 'u' })?.changes).toEqual({
      version: 4,
    });
    expect(show('claim.reopened', { version: 5, reason: 'why', assigneeId: 'u' })?.changes).toEqual({
      version: 5,
    });
    expect(show('claim.dismissed', { version: 5, reason: 'why' })?.changes).toEqual({ version: 5 });
    expect(show('claim.assigned', { version: 2, assigneeId: 'u', auto: false })?.changes).toEqual({
      version: 2,
    });
    expect(show('claim.triaged', { version: 2, priority: 'high', dueAt: null })?.changes).toEqual({
      version: 2,
      priority: 'high',
      dueAt: null,
    });
  });

  it('shows a publication as the version it published', () => {
    const shown = show('claim.published', { version: 6, reviewId: 'r1', verdict: 'false', submittedBy: 'u' });
    expect(shown?.changes).toEqual({
      version: 6,
      publishedVersion: visibleClaim(claim, published, 'public').publishedReview,
    });
    expect(show('claim.published', { version: 6, reviewId: 'unknown' })).toBeNull();
  });

  it('shows edits of public fields only, and no edit that changed none', () => {
    const updated = show('claim.updated', {
      version: 2,
      before: { text: 'a', evidenceStatus: 'unverified' },
      after: { text: 'b', evidenceStatus: 'debunked' },
    });
    expect(updated?.changes).toEqual({ version: 2, before: { text: 'a' }, after: { text: 'b' } });
    expect(
      show('claim.updated', { version: 2, before: { evidenceStatus: 'x' }, after: { evidenceStatus: 'y' } }),
    ).toBeNull();
  });

  it('shows stances, evidence and the created claim without who recorded them', () => {
    const creator = { kind: 'user', id: 'u' };
    expect(
      show('claim.stance_added', { version: 2, stance: { id: 's', createdBy: creator } })?.changes,
    ).toEqual({
      version: 2,
      stance: { id: 's' },
    });
    expect(
      show('claim.evidence_removed', { version: 2, evidence: { id: 'e', createdBy: creator }, reason: 'r' })
        ?.changes,
    ).toEqual({
      version: 2,
      evidence: { id: 'e' },
    });
    expect(
      show('claim.created', {
        version: 1,
        claim: { text: 't', createdBy: creator },
        stances: [{ id: 's', type: 'asserted', createdBy: creator }],
      })?.changes,
    ).toEqual({ version: 1, claim: { text: 't' }, stances: [{ id: 's', type: 'asserted' }] });
  });
});
