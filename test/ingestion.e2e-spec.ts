import { startTestApi, TestApi, TestRequest, TestResponse } from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';

/** An article written for this test: one attributed claim, one rejection, and filler. */
const ARTICLE = [
  'Tirana enjoyed a mild and sunny week.',
  'Speaking in Moscow on Monday, Sergei Lavrov said that mercenaries from Albania, Kosovo and Bosnia were being sent to fight in Ukraine.',
  'The cafés along the boulevard were busy until late.',
  'Albanian officials rejected the allegation as baseless propaganda on Tuesday.',
  'Tourists kept arriving by bus.',
].join(' ');

describe('sources and article ingestion', () => {
  let api: TestApi;
  const run = `i${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const url = `https://news.example.org/${run}/lavrov-mercenaries?utm_source=feed`;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  async function call(request: TestRequest): Promise<TestResponse> {
    const response = await api.request(request);
    expect(response.statusCode).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    return response;
  }

  let lavrov: any;
  let ingested: any;
  let lavrovCandidate: any;
  let rejectionCandidate: any;

  it('ingests an article and proposes the attributed sentences, with exact offsets and actors', async () => {
    lavrov = (
      await call({
        method: 'POST',
        url: '/v1/actors',
        payload: { name: 'Sergei Lavrov', kind: 'person', country: 'Russia' },
        as: 'editor',
      })
    ).data;

    const response = await call({
      method: 'POST',
      url: '/v1/sources/ingest',
      payload: {
        url,
        title: 'Lavrov on Balkan mercenaries',
        outlet: 'Example News',
        language: 'en',
        text: ARTICLE,
      },
      as: 'fact_checker',
    });
    expect(response.statusCode).toBe(201);
    ingested = response.data;
    expect(ingested.source).toMatchObject({
      url,
      title: 'Lavrov on Balkan mercenaries',
      outlet: 'Example News',
    });

    const sentences = ingested.candidates.map((candidate: any) => candidate.sentence);
    lavrovCandidate = ingested.candidates.find((candidate: any) =>
      candidate.sentence.includes('Sergei Lavrov said'),
    );
    rejectionCandidate = ingested.candidates.find((candidate: any) =>
      candidate.sentence.includes('rejected'),
    );
    expect(lavrovCandidate).toBeDefined();
    expect(rejectionCandidate).toBeDefined();
    expect(ingested.candidates[0].id).toBe(lavrovCandidate.id);
    expect(lavrovCandidate.checkworthiness).toBeGreaterThanOrEqual(0.6);
    expect(lavrovCandidate.features).toMatchObject({ reportingVerb: 'said', tooShort: false });
    for (const candidate of ingested.candidates) {
      expect(ARTICLE.slice(candidate.start, candidate.end)).toBe(candidate.sentence);
      expect(candidate.status).toBe('open');
      expect(Array.isArray(candidate.similar)).toBe(true);
    }
    for (const filler of ['Tirana enjoyed', 'cafés', 'Tourists']) {
      expect(sentences.some((sentence: string) => sentence.includes(filler))).toBe(false);
    }

    const speaker = lavrovCandidate.actors.find((actor: any) => actor.stance === 'asserted');
    expect(speaker).toMatchObject({ name: 'Sergei Lavrov', kind: 'person' });
    expect(speaker.actorId).toMatch(/^[0-9a-f-]{36}$/);
    // Several suites record a "Sergei Lavrov"; the match is one of them, the oldest.
    const matched = await call({ method: 'GET', url: `/v1/actors/${speaker.actorId}`, as: 'editor' });
    expect(matched.data.name).toBe(lavrov.name);

    expect(rejectionCandidate.actors).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Albanian officials', stance: 'rejected' })]),
    );
  });

  it('does not propose a sentence twice when the same article is ingested again (URL normalised)', async () => {
    const response = await call({
      method: 'POST',
      url: '/v1/sources/ingest',
      payload: { url: url.replace('?utm_source=feed', ''), text: ARTICLE },
      as: 'editor',
    });
    expect(response.statusCode).toBe(201);
    expect(response.data.source.id).toBe(ingested.source.id);
    expect(response.data.candidates.map((candidate: any) => candidate.id).sort()).toEqual(
      ingested.candidates.map((candidate: any) => candidate.id).sort(),
    );
  });

  it('accepts a candidate as a claim with its source and stances, once', async () => {
    const path = `/v1/sources/${ingested.source.id}/candidates/${lavrovCandidate.id}/accept`;
    const response = await call({ method: 'POST', url: path, payload: {}, as: 'fact_checker' });
    expect(response.statusCode).toBe(201);
    const claim = response.data;
    expect(claim.text).toBe(lavrovCandidate.text);
    expect(claim.source).toMatchObject({ id: ingested.source.id });
    expect(claim.status).toBe('submitted');
    expect(claim.stances).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'asserted',
          actor: expect.objectContaining({ name: 'Sergei Lavrov' }),
        }),
      ]),
    );

    const shown = await call({ method: 'GET', url: `/v1/claims/${claim.id}`, as: 'editor' });
    expect(shown.data).toMatchObject({ id: claim.id, text: claim.text, version: claim.version });

    const again = await call({ method: 'POST', url: path, payload: {}, as: 'editor' });
    expect(again.statusCode).toBe(409);
    expect(again.data).toMatchObject({ status: 409, candidateStatus: 'accepted', claimId: claim.id });

    const source = await call({ method: 'GET', url: `/v1/sources/${ingested.source.id}`, as: 'editor' });
    expect(source.statusCode).toBe(200);
    expect(source.data.claims.map((item: any) => item.id)).toContain(claim.id);
    expect(source.data.candidates.map((item: any) => item.id)).not.toContain(lavrovCandidate.id);
    expect(source.data.candidates.map((item: any) => item.id)).toContain(rejectionCandidate.id);
  });

  it('accepts with an overriding text and stances', async () => {
    const other = (
      await call({
        method: 'POST',
        url: '/v1/sources/ingest',
        payload: {
          url: `https://news.example.org/${run}/second`,
          text: 'Foreign Minister Jane Roe told reporters that 4,000 volunteers had crossed the border in March.',
        },
        as: 'editor',
      })
    ).data;
    expect(other.candidates).toHaveLength(1);
    const response = await call({
      method: 'POST',
      url: `/v1/sources/${other.source.id}/candidates/${other.candidates[0].id}/accept`,
      payload: {
        text: `About 4,000 volunteers crossed the border in March (${run}).`,
        actors: [
          { actorId: lavrov.id, type: 'rejected' },
          { actor: { name: `Jane Roe ${run}`, kind: 'person' }, type: 'asserted' },
        ],
      },
      as: 'editor',
    });
    expect(response.statusCode).toBe(201);
    expect(response.data.text).toBe(`About 4,000 volunteers crossed the border in March (${run}).`);
    expect(response.data.stances.map((stance: any) => [stance.actor.name, stance.type])).toEqual([
      ['Sergei Lavrov', 'rejected'],
      [`Jane Roe ${run}`, 'asserted'],
    ]);
  });

  it('names a stance actor that does not exist as actors[i].actorId and leaves the candidate open', async () => {
    const path = `/v1/sources/${ingested.source.id}/candidates/${rejectionCandidate.id}/accept`;
    const response = await call({
      method: 'POST',
      url: path,
      payload: { actors: [{ actorId: randomUUID(), type: 'rejected' }] },
      as: 'editor',
    });
    expect(response.statusCode).toBe(400);
    expect(response.data.errors.map((error: any) => error.field)).toEqual(['actors[0].actorId']);
    const source = await call({ method: 'GET', url: `/v1/sources/${ingested.source.id}`, as: 'editor' });
    expect(source.data.candidates.map((item: any) => item.id)).toContain(rejectionCandidate.id);
  });

  it('rejects a candidate, once', async () => {
    const path = `/v1/sources/${ingested.source.id}/candidates/${rejectionCandidate.id}/reject`;
    const response = await call({ method: 'POST', url: path, as: 'editor' });
    expect(response.statusCode).toBe(200);
    expect(response.data).toMatchObject({ id: rejectionCandidate.id, status: 'rejected', claimId: null });
    expect(response.data.decidedAt).not.toBeNull();
    expect((await call({ method: 'POST', url: path, as: 'editor' })).statusCode).toBe(409);
    const accept = await call({
      method: 'POST',
      url: path.replace(/reject$/, 'accept'),
      payload: {},
      as: 'editor',
    });
    expect(accept.statusCode).toBe(409);
    const source = await call({
      method: 'GET',
      url: `/v1/sources/${ingested.source.id}`,
      as: 'fact_checker',
    });
    expect(source.data.candidates.map((item: any) => item.id)).not.toContain(rejectionCandidate.id);
  });

  it('answers 404 for unknown ids and 400 for bad ids and bodies', async () => {
    const sourceId = ingested.source.id;
    const unknown = randomUUID();
    expect((await call({ method: 'GET', url: `/v1/sources/${unknown}`, as: 'editor' })).statusCode).toBe(404);
    expect(
      (
        await call({
          method: 'POST',
          url: `/v1/sources/${unknown}/candidates/${unknown}/reject`,
          as: 'editor',
        })
      ).data.detail,
    ).toBe(`Source ${unknown} does not exist.`);
    expect(
      (
        await call({
          method: 'POST',
          url: `/v1/sources/${sourceId}/candidates/${unknown}/accept`,
          payload: {},
          as: 'editor',
        })
      ).statusCode,
    ).toBe(404);
    // A candidate of another source is not found through this one.
    expect(
      (
        await call({
          method: 'POST',
          url: `/v1/sources/${unknown}/candidates/${lavrovCandidate.id}/accept`,
          payload: {},
          as: 'editor',
        })
      ).statusCode,
    ).toBe(404);

    const badId = await call({ method: 'GET', url: '/v1/sources/not-a-uuid', as: 'editor' });
    expect(badId.statusCode).toBe(400);
    expect(badId.data.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    const badCandidate = await call({
      method: 'POST',
      url: `/v1/sources/${sourceId}/candidates/nope/reject`,
      as: 'editor',
    });
    expect(badCandidate.data.errors).toEqual([
      { field: 'candidateId', message: 'candidateId must be a UUID' },
    ]);

    const fields = async (payload: Record<string, unknown>, path = '/v1/sources/ingest') => {
      const response = await call({ method: 'POST', url: path, payload, as: 'editor' });
      expect(response.statusCode).toBe(400);
      return response.data.errors.map((error: any) => error.field);
    };
    expect(await fields({ url: 'ftp://example.org/a', text: 'x' })).toContain('url');
    expect(await fields({ url: 'https://example.org/a' })).toContain('text');
    expect(await fields({ url: 'https://example.org/a', text: '   ' })).toContain('text');
    expect(await fields({ url: 'https://example.org/a', text: 'x'.repeat(200_001) })).toContain('text');
    expect(await fields({ url: 'https://example.org/a', text: 'Hello there.', extra: 1 })).toContain('extra');
    expect(
      await fields({ url: 'https://example.org/a', text: 'Hello there.', language: 'not a tag' }),
    ).toContain('language');
    const accept = `/v1/sources/${sourceId}/candidates/${unknown}/accept`;
    expect(await fields({ text: 'short' }, accept)).toContain('text');
    expect(await fields({ actors: [{ type: 'asserted' }] }, accept)).toEqual(['actors[0].actorId']);
    expect(await fields({ actors: 'Lavrov' }, accept)).toContain('actors');
    expect(await fields({ surprise: true }, accept)).toContain('surprise');
  });

  it('accepts the longest allowed article and finds nothing in text without claims', async () => {
    const long = await call({
      method: 'POST',
      url: '/v1/sources/ingest',
      payload: { url: `https://news.example.org/${run}/long`, text: 'Quiet days. '.repeat(16_666) },
      as: 'editor',
    });
    expect(long.statusCode).toBe(201);
    expect(long.data.candidates).toEqual([]);
  });

  it('refuses newsrooms and anonymous callers', async () => {
    const payload = { url: `https://news.example.org/${run}/x`, text: 'Nothing here.' };
    expect(
      (await call({ method: 'POST', url: '/v1/sources/ingest', payload, as: 'newsroom' })).statusCode,
    ).toBe(403);
    expect(
      (await call({ method: 'POST', url: '/v1/sources/ingest', payload, as: 'anonymous' })).statusCode,
    ).toBe(401);
  });
});
