import { createUserSession, sessionRequests, startTestApi, TestApi, TestSession } from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Published fact-checks as schema.org ClaimReview, built from claims taken through the real workflow. */
describe('ClaimReview', () => {
  let api: TestApi;
  let editor: TestSession;
  let secondEditor: TestSession;
  let checker: TestSession;
  const run = randomUUID().slice(0, 8);
  const startedAt = new Date(Date.now() - 1000).toISOString();
  const ORG = { name: 'Balkan Fact Desk', url: 'https://factdesk.example.org' };

  beforeAll(async () => {
    api = await startTestApi({
      ORG_NAME: ORG.name,
      ORG_URL: ORG.url,
      PUBLIC_CLAIM_URL_TEMPLATE: 'https://factdesk.example.org/checks/{id}?lang=en',
    });
    editor = await createUserSession(api, { roles: ['editor'] });
    secondEditor = await createUserSession(api, { roles: ['editor'] });
    checker = await createUserSession(api, { roles: ['fact_checker'] });
  });
  afterAll(() => api.close());

  const { send, act } = sessionRequests(() => api);

  async function publish(id: string, verdict: string, summary: string, approver = editor) {
    await act(checker, id, 'submit', { verdict, summary, evidenceStatus: 'debunked' });
    await act(approver, id, 'publish');
  }

  async function createClaim(body: Record<string, unknown>) {
    const response = await send(checker, 'POST', '/v1/claims', body);
    expect(response.statusCode).toBe(201);
    const claim = response.data;
    await act(editor, claim.id, 'triage');
    await act(editor, claim.id, 'assign', { assigneeId: checker.principal.id });
    await act(checker, claim.id, 'start');
    return claim;
  }

  async function publishedAt(claimId: string): Promise<string[]> {
    const rows: { published_at: Date }[] = await api.app
      .get(DataSource)
      .query(
        `SELECT published_at FROM reviews WHERE claim_id = $1 AND outcome = 'published' ORDER BY round`,
        [claimId],
      );
    return rows.map((row) => row.published_at.toISOString());
  }

  const lavrov = {
    text: `Mercenaries from Albania, Kosovo and Bosnia are being sent to fight in Ukraine (${run}).`,
    tags: [run],
    source: {
      url: `https://news.example.org/${run}/briefing`,
      title: 'Briefing',
      publishedAt: '2022-05-06T09:30:00Z',
    },
    stances: [
      {
        actor: {
          // Actors are shared by name across suites; a name of our own keeps this one's title ours.
          name: `Sergei Lavrov ${run}`,
          kind: 'person',
          title: 'Minister of Foreign Affairs',
          country: 'Russia',
        },
        type: 'asserted',
        statedAt: '2022-05-06T09:00:00Z',
        sourceUrl: `https://video.example.org/${run}/presser`,
      },
      {
        actor: { name: `Example Daily ${run}`, kind: 'media_outlet' },
        type: 'repeated',
        sourceUrl: `https://daily.example.org/${run}/story`,
      },
      {
        actor: { name: `Ministry of Defence of Albania ${run}`, kind: 'government' },
        type: 'rejected',
        sourceUrl: `https://mod.example.al/${run}/statement`,
      },
    ],
  };

  let lavrovClaim: any;

  it('answers 404 until the claim is published, then the ClaimReview, field by field', async () => {
    lavrovClaim = await createClaim(lavrov);
    const before = await send(null, 'GET', `/v1/claims/${lavrovClaim.id}/claim-review`);
    expect(before.statusCode).toBe(404);
    expect(before.headers['content-type']).toContain('application/problem+json');
    expect(before.data.detail).toBe(`Claim ${lavrovClaim.id} does not exist or has no published review.`);

    await publish(lavrovClaim.id, 'mostly_false', 'No evidence of recruitment; the ministry denies it.');
    const [published] = await publishedAt(lavrovClaim.id);
    const response = await send(null, 'GET', `/v1/claims/${lavrovClaim.id}/claim-review`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    expect(response.data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: `https://factdesk.example.org/checks/${lavrovClaim.id}?lang=en`,
      inLanguage: 'en',
      claimReviewed: lavrov.text,
      reviewBody: 'No evidence of recruitment; the ministry denies it.',
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 2,
        bestRating: 7,
        worstRating: 1,
        alternateName: 'Mostly false',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: `Sergei Lavrov ${run}`, jobTitle: 'Minister of Foreign Affairs' },
        appearance: [
          {
            '@type': 'CreativeWork',
            url: `https://news.example.org/${run}/briefing`,
            headline: 'Briefing',
            datePublished: '2022-05-06T09:30:00.000Z',
          },
          {
            '@type': 'CreativeWork',
            url: `https://video.example.org/${run}/presser`,
            datePublished: '2022-05-06T09:00:00.000Z',
          },
          { '@type': 'CreativeWork', url: `https://daily.example.org/${run}/story` },
        ],
        datePublished: '2022-05-06T09:00:00.000Z',
      },
      author: { '@type': 'Organization', name: ORG.name, url: ORG.url },
      datePublished: published,
    });
  });

  it('carries the correction history once a corrected verdict is published', async () => {
    await act(editor, lavrovClaim.id, 'reopen', { reason: 'New evidence from the ministry.' });
    // While the correction is under way the published verdict still stands.
    const during = await send(null, 'GET', `/v1/claims/${lavrovClaim.id}/claim-review`);
    expect(during.data.reviewRating.alternateName).toBe('Mostly false');

    await publish(
      lavrovClaim.id,
      'false',
      'The ministry documents show no recruitment at all.',
      secondEditor,
    );
    const [first, second] = await publishedAt(lavrovClaim.id);
    const response = await send(null, 'GET', `/v1/claims/${lavrovClaim.id}/claim-review`);
    expect(response.data).toMatchObject({
      reviewBody: 'The ministry documents show no recruitment at all.',
      reviewRating: { ratingValue: 1, alternateName: 'False', bestRating: 7, worstRating: 1 },
      datePublished: first,
      dateModified: second,
      correction: [
        {
          '@type': 'CorrectionComment',
          datePublished: second,
          name: `Previously rated "Mostly false" (published ${first})`,
          text: 'New evidence from the ministry.',
        },
      ],
    });
  });

  it('rates unproven claims without a value and names organisations as organisations', async () => {
    const claim = await createClaim({
      text: `The ministry says the figures were never collected (${run}).`,
      tags: [run],
      stances: [{ actor: { name: `Ministry of Statistics ${run}`, kind: 'government' }, type: 'asserted' }],
    });
    await publish(claim.id, 'unproven', 'Nobody can say either way.');
    const response = await send(null, 'GET', `/v1/claims/${claim.id}/claim-review`);
    expect(response.data.reviewRating).toEqual({
      '@type': 'Rating',
      bestRating: 7,
      worstRating: 1,
      alternateName: 'Unproven',
    });
    // No stance date and no source: no appearance and no date, rather than made-up ones.
    expect(response.data.itemReviewed).toEqual({
      '@type': 'Claim',
      author: { '@type': 'Organization', name: `Ministry of Statistics ${run}` },
    });
    expect(response.data.correction).toBeUndefined();
  });

  const nextQuery = (url: string, cursor: string) => {
    const query = new URLSearchParams(url.split('?')[1]);
    return new URLSearchParams({
      ...(query.get('since') ? { since: query.get('since')! } : {}),
      limit: query.get('limit') ?? '25',
      cursor,
    }).toString();
  };

  it('lists current fact-checks newest first, one per claim, with since= and cursor pages', async () => {
    const mine = async (url: string): Promise<any[]> => {
      const items: any[] = [];
      let cursor: string | null = null;
      do {
        const response = await send(null, 'GET', `${url}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('application/ld+json; charset=utf-8');
        expect(response.data.dataFeedElement.length).toBeLessThanOrEqual(1);
        expect(response.headers.link).toBe(
          response.data.nextCursor
            ? `</v1/claim-reviews?${nextQuery(url, response.data.nextCursor)}>; rel="next"`
            : undefined,
        );
        items.push(...response.data.dataFeedElement);
        cursor = response.data.nextCursor;
      } while (cursor);
      return items.filter((item) => item.claimReviewed.includes(run));
    };
    const items = await mine(`/v1/claim-reviews?limit=1&since=${encodeURIComponent(startedAt)}`);
    // The unproven claim was published after the Lavrov correction; the Lavrov claim is listed once,
    // with its corrected verdict.
    expect(items.map((item) => item.reviewRating.alternateName)).toEqual(['Unproven', 'False']);
    expect(items[0]).toMatchObject({ '@type': 'ClaimReview' });
    expect(items[0]).not.toHaveProperty('@context');

    const later = await send(
      null,
      'GET',
      `/v1/claim-reviews?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later.data).toEqual({
      '@context': ['https://schema.org', { nextCursor: null }],
      '@type': 'DataFeed',
      name: `${ORG.name} fact-checks`,
      dataFeedElement: [],
      nextCursor: null,
    });
  });

  it('is public, and refuses bad input with problem+json', async () => {
    expect((await send(null, 'GET', `/v1/claims/${randomUUID()}/claim-review`)).statusCode).toBe(404);
    const badId = await send(null, 'GET', '/v1/claims/nope/claim-review');
    expect(badId.statusCode).toBe(400);
    expect(badId.data.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    for (const query of [
      'since=yesterday',
      'limit=0',
      'limit=101',
      'cursor=!!',
      'cursor=WzFd',
      'color=red',
    ]) {
      const response = await send(null, 'GET', `/v1/claim-reviews?${query}`);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
