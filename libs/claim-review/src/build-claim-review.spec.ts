import { VERDICTS } from '@claimdesk/workflow';
import { buildClaimReview, ReviewedVersion, VERDICT_LABELS } from './build-claim-review';

const publisher = {
  name: 'Desk',
  url: 'https://desk.example.org',
  urlTemplate: 'https://desk.example.org/c/{id}',
};
const lavrov = { id: 'a1', name: 'A Person', kind: 'person', title: 'Minister', country: 'RU' };
const first: ReviewedVersion = {
  version: 1,
  publishedAt: '2026-01-01T00:00:00.000Z',
  language: 'en',
  text: 'The claim.',
  summary: 'Leaves out context.',
  verdict: 'misleading',
  rating: 3,
  stances: [
    {
      type: 'repeated',
      quote: null,
      statedAt: '2022-05-07T00:00:00.000Z',
      sourceUrl: null,
      actor: { ...lavrov, id: 'a2', name: 'Outlet', kind: 'media_outlet' },
    },
    { type: 'asserted', quote: 'q', statedAt: null, sourceUrl: 'https://v.example.org/1', actor: lavrov },
  ],
  appearances: [
    {
      url: 'https://news.example.org/1',
      title: 'Briefing',
      outlet: 'News',
      publishedAt: '2022-05-06T00:00:00.000Z',
    },
    { url: 'https://v.example.org/1', title: null, outlet: null, publishedAt: null },
  ],
  correction: null,
};

describe('buildClaimReview', () => {
  it('labels every verdict', () => {
    for (const verdict of VERDICTS) expect(VERDICT_LABELS[verdict]).toMatch(/^[A-Z][a-z ]+$/);
  });

  it('rates on the 7…1 scale from the published version alone and leaves out what is unknown', () => {
    const review = buildClaimReview('c1', [first], publisher);
    expect(review).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://desk.example.org/c/c1',
      inLanguage: 'en',
      claimReviewed: 'The claim.',
      reviewBody: 'Leaves out context.',
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 3,
        bestRating: 7,
        worstRating: 1,
        alternateName: 'Misleading',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'A Person', jobTitle: 'Minister' },
        appearance: [
          {
            '@type': 'CreativeWork',
            url: 'https://news.example.org/1',
            headline: 'Briefing',
            publisher: { '@type': 'Organization', name: 'News' },
            datePublished: '2022-05-06T00:00:00.000Z',
          },
          { '@type': 'CreativeWork', url: 'https://v.example.org/1' },
        ],
        // The asserting stance has no date: the first dated appearance (the source) stands in.
        datePublished: '2022-05-06T00:00:00.000Z',
      },
      author: { '@type': 'Organization', name: 'Desk', url: 'https://desk.example.org' },
      datePublished: '2026-01-01T00:00:00.000Z',
    });
  });

  it('gives unproven no rating value and organisations their type', () => {
    const review = buildClaimReview(
      'c1',
      [
        {
          ...first,
          verdict: 'unproven',
          rating: null,
          stances: [{ ...first.stances[1], actor: { ...lavrov, kind: 'government' } }],
        },
      ],
      publisher,
    );
    expect(review.reviewRating).toEqual({
      '@type': 'Rating',
      bestRating: 7,
      worstRating: 1,
      alternateName: 'Unproven',
    });
    expect((review.itemReviewed as { author: unknown }).author).toEqual({
      '@type': 'Organization',
      name: 'A Person',
    });
  });

  it('shows the latest version, dated from the first, with each correction’s reason and the rating it replaced', () => {
    const second: ReviewedVersion = {
      ...first,
      version: 2,
      publishedAt: '2026-01-15T00:00:00.000Z',
      text: 'The claim, corrected.',
      correction: {
        reason: "Correction: Bosnia's denial date was wrong",
        previousVerdict: 'misleading',
        previousRating: 3,
        previousPublishedAt: first.publishedAt,
      },
    };
    const third: ReviewedVersion = {
      ...second,
      version: 3,
      publishedAt: '2026-02-02T00:00:00.000Z',
      verdict: 'false',
      rating: 1,
      correction: {
        reason: null,
        previousVerdict: 'misleading',
        previousRating: 3,
        previousPublishedAt: second.publishedAt,
      },
    };
    const review = buildClaimReview('c1', [first, second, third], publisher);
    expect(review).toMatchObject({
      claimReviewed: 'The claim, corrected.',
      reviewRating: { ratingValue: 1, alternateName: 'False' },
      datePublished: '2026-01-01T00:00:00.000Z',
      dateModified: '2026-02-02T00:00:00.000Z',
    });
    expect(review.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        datePublished: '2026-01-15T00:00:00.000Z',
        name: 'Previously rated "Misleading" (published 2026-01-01T00:00:00.000Z)',
        // Same verdict republished: the reason says what was corrected, not "Misleading to Misleading".
        text: "Correction: Bosnia's denial date was wrong",
      },
      {
        '@type': 'CorrectionComment',
        datePublished: '2026-02-02T00:00:00.000Z',
        name: 'Previously rated "Misleading" (published 2026-01-15T00:00:00.000Z)',
        // Versions reconstructed by the migration may lack a reason.
        text: 'Verdict corrected from "Misleading" to "False".',
      },
    ]);
  });
});
