import { buildClaimReview, ClaimReviewInput, VERDICT_LABELS } from './build-claim-review';
import { VERDICTS } from '@claimdesk/workflow';

const publisher = {
  name: 'Desk',
  url: 'https://desk.example.org',
  urlTemplate: 'https://desk.example.org/c/{id}',
};
const base: ClaimReviewInput = {
  claimId: 'c1',
  claimText: 'The claim.',
  review: {
    id: 'r2',
    verdict: 'misleading',
    summary: 'Leaves out context.',
    publishedAt: new Date('2026-02-02T00:00:00Z'),
  },
  corrected: [],
  author: { name: 'A Person', kind: 'person', title: null },
  claimDate: null,
  appearances: [],
};

describe('buildClaimReview', () => {
  it('labels every verdict', () => {
    for (const verdict of VERDICTS) expect(VERDICT_LABELS[verdict]).toMatch(/^[A-Z][a-z ]+$/);
  });

  it('rates on the 7…1 scale and leaves out what is unknown', () => {
    const review = buildClaimReview(base, publisher);
    expect(review.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 3,
      bestRating: 7,
      worstRating: 1,
      alternateName: 'Misleading',
    });
    expect(review.itemReviewed).toEqual({
      '@type': 'Claim',
      author: { '@type': 'Person', name: 'A Person' },
    });
    expect(review).toMatchObject({
      url: 'https://desk.example.org/c/c1',
      datePublished: '2026-02-02T00:00:00.000Z',
    });
    expect(review).not.toHaveProperty('correction');
    expect(review).not.toHaveProperty('dateModified');
  });

  it('lists each correction in order, dated when the correcting verdict was published', () => {
    const review = buildClaimReview(
      {
        ...base,
        corrected: [
          { id: 'r0', verdict: 'true', summary: '', publishedAt: new Date('2026-01-01T00:00:00Z') },
          { id: 'r1', verdict: 'mixed', summary: '', publishedAt: new Date('2026-01-15T00:00:00Z') },
        ],
      },
      publisher,
    );
    expect(review.datePublished).toBe('2026-01-01T00:00:00.000Z');
    expect(review.dateModified).toBe('2026-02-02T00:00:00.000Z');
    expect(review.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        datePublished: '2026-01-15T00:00:00.000Z',
        text: 'Verdict corrected from "True" (published 2026-01-01T00:00:00.000Z) to "Mixed".',
      },
      {
        '@type': 'CorrectionComment',
        datePublished: '2026-02-02T00:00:00.000Z',
        text: 'Verdict corrected from "Mixed" (published 2026-01-15T00:00:00.000Z) to "Misleading".',
      },
    ]);
  });
});
