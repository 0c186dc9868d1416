import { startTestApi, TestApi, TestRequest, TestResponse } from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** An article written for this test: two claims, who made, repeated and rejected them, and filler. */
const ARTICLE = [
  'Tirana enjoyed a mild and sunny week.',
  'Russian Foreign Minister Sergei Lavrov said on Monday that mercenaries from Albania, Kosovo and Bosnia were being sent to fight in Ukraine.',
  'The cafés along the boulevard were busy until late.',
  'Officials from Albania and Kosovo rejected the allegation as baseless propaganda on Tuesday.',
  'Hungary’s state-controlled media carried the report the same evening.',
  'The Albanian interior ministry said 40 foreign nationals had been questioned at Tirana airport in May.',
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

  it('ingests an article and proposes its claims, with their mentions, actors and stances', async () => {
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

    expect(ingested.candidates).toHaveLength(2);
    lavrovCandidate = ingested.candidates.find((c: any) => c.text.startsWith('Mercenaries'));
    // The second claim: rejected by the desk further down.
    rejectionCandidate = ingested.candidates.find((c: any) => c.text.startsWith('40 foreign'));
    expect(lavrovCandidate.text).toBe(
      'Mercenaries from Albania, Kosovo and Bosnia are being sent to fight in Ukraine',
    );
    expect(lavrovCandidate.sentence).toContain('Sergei Lavrov said');
    expect(lavrovCandidate.checkworthiness).toBeGreaterThanOrEqual(0.6);
    expect(lavrovCandidate.features).toMatchObject({
      reportingVerb: 'said',
      tooShort: false,
      attributed: true,
    });
    expect(lavrovCandidate.mentions.map((mention: any) => mention.role)).toEqual([
      'states',
      'rejects',
      'repeats',
    ]);
    expect(rejectionCandidate.text).toBe('40 foreign nationals were questioned at Tirana airport in May');
    for (const candidate of ingested.candidates) {
      expect(ARTICLE.slice(candidate.start, candidate.end)).toBe(candidate.sentence);
      for (const mention of candidate.mentions)
        expect(ARTICLE.slice(mention.start, mention.end)).toBe(mention.sentence);
      expect(candidate.status).toBe('open');
      expect(Array.isArray(candidate.similar)).toBe(true);
    }
    const mentioned = ingested.candidates.flatMap((candidate: any) =>
      candidate.mentions.map((m: any) => m.sentence),
    );
    for (const filler of ['Tirana enjoyed', 'cafés', 'Tourists']) {
      expect(mentioned.some((sentence: string) => sentence.includes(filler))).toBe(false);
    }

    const [speaker, ...others] = lavrovCandidate.actors;
    expect(speaker).toMatchObject({ name: 'Sergei Lavrov', kind: 'person', stance: 'asserted' });
    expect(speaker.actorId).toMatch(/^[0-9a-f-]{36}$/);
    // Several suites record a "Sergei Lavrov"; the match is one of them, the oldest.
    const matched = await call({ method: 'GET', url: `/v1/actors/${speaker.actorId}`, as: 'editor' });
    expect(matched.data.name).toBe(lavrov.name);
    expect(others.map((actor: any) => [actor.name, actor.kind, actor.stance])).toEqual([
      ['Government of Albania', 'government', 'rejected'],
      ['Government of Kosovo', 'government', 'rejected'],
      ['Hungarian state-controlled media', 'media_outlet', 'repeated'],
    ]);
    // A proposed new actor carries its ISO country; a known one (the demo desk's, say) shows its own.
    for (const actor of others.filter((item: any) => item.actorId === null)) {
      expect(actor.country).toMatch(/^[A-Z]{2}$/);
    }
    expect(others[0].quote).toContain('rejected the allegation');
    expect(rejectionCandidate.actors).toEqual([
      expect.objectContaining({
        name: 'Ministry of the Interior of Albania',
        kind: 'government',
        stance: 'asserted',
      }),
    ]);
  });

  it('answers a text in another language with the languages it supports, not English guesses', async () => {
    const spanish = await call({
      method: 'POST',
      url: '/v1/sources/ingest',
      payload: {
        url: `https://news.example.org/${run}/es`,
        text: 'El ministro de Asuntos Exteriores dijo el lunes que los mercenarios de Albania y Kosovo son enviados a Ucrania.',
      },
      as: 'editor',
    });
    expect(spanish.statusCode).toBe(422);
    expect(spanish.data).toMatchObject({ supportedLanguages: ['en'], detectedLanguage: 'es' });
    const declared = await call({
      method: 'POST',
      url: '/v1/sources/ingest',
      payload: { url: `https://news.example.org/${run}/fr`, language: 'fr', text: ARTICLE },
      as: 'editor',
    });
    expect(declared.statusCode).toBe(422);
    expect(declared.data.detail).toContain('Supported languages: en');
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
    expect(claim.stances.map((stance: any) => [stance.actor.name, stance.type])).toEqual([
      ['Sergei Lavrov', 'asserted'],
      ['Government of Albania', 'rejected'],
      ['Government of Kosovo', 'rejected'],
      ['Hungarian state-controlled media', 'repeated'],
    ]);
    expect(claim.stances[1]).toMatchObject({ sourceUrl: claim.source.url });
    expect(claim.stances[1].quote).toContain('rejected the allegation');
    // xmin names the transaction that wrote a row version: the claim and the candidate's acceptance are one commit.
    const [written]: { claim: string; candidate: string }[] = await api.app.get(DataSource).query(
      `SELECT (SELECT xmin::text FROM claims WHERE id = $1) AS claim,
              (SELECT xmin::text FROM claim_candidates WHERE id = $2) AS candidate`,
      [claim.id, lavrovCandidate.id],
    );
    expect(written.claim).toBe(written.candidate);

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
    expect(other.candidates[0].actors).toEqual([
      expect.objectContaining({ name: 'Jane Roe', title: 'Foreign Minister', stance: 'asserted' }),
    ]);
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

  it('does not propose a rejected candidate again when its source is ingested again', async () => {
    const again = await call({
      method: 'POST',
      url: '/v1/sources/ingest',
      payload: { url, text: ARTICLE },
      as: 'editor',
    });
    expect(again.statusCode).toBe(201);
    const ids = again.data.candidates.map((candidate: any) => candidate.id);
    expect(ids).not.toContain(rejectionCandidate.id);
    expect(ids).toContain(lavrovCandidate.id);
    expect(again.data.candidates.find((c: any) => c.id === lavrovCandidate.id).status).toBe('accepted');
  });

  it('accepts two candidates unedited and finds them through GET /v1/claims with stances, actors and source', async () => {
    const article = [
      `Health Minister Ilona Varga${run} said on Monday that 5,300 measles cases had been recorded in Hungary since January.`,
      'The World Health Organization backed the figure.',
      'The charity Medicus Mundi said at least 12 children had died of the disease in Budapest this year.',
      'Varga will visit hospitals next week.',
    ].join(' ');
    const source = await call({
      method: 'POST',
      url: '/v1/sources/ingest',
      payload: { url: `https://news.example.org/${run}/measles`, title: 'Measles in Hungary', text: article },
      as: 'fact_checker',
    });
    expect(source.statusCode).toBe(201);
    expect(source.data.candidates.map((c: any) => c.text)).toEqual([
      '5,300 measles cases have been recorded in Hungary since January',
      'At least 12 children have died of the disease in Budapest this year',
    ]);
    const accepted = [];
    for (const candidate of source.data.candidates) {
      const response = await call({
        method: 'POST',
        url: `/v1/sources/${source.data.source.id}/candidates/${candidate.id}/accept`,
        payload: {},
        as: 'fact_checker',
      });
      expect(response.statusCode).toBe(201);
      accepted.push(response.data);
    }
    const minister = accepted[0].stances.find((stance: any) => stance.type === 'asserted').actor;
    expect(minister).toMatchObject({
      name: `Ilona Varga${run}`,
      kind: 'person',
      title: 'Health Minister',
      country: 'HU',
    });
    const charity = accepted[1].stances[0].actor;
    expect(charity).toMatchObject({ name: 'Medicus Mundi', kind: 'organization' });
    for (const [claim, actor] of [
      [accepted[0], minister],
      [accepted[1], charity],
    ]) {
      const list = await call({ method: 'GET', url: `/v1/claims?actorId=${actor.id}`, as: 'editor' });
      expect(list.statusCode).toBe(200);
      const found = list.data.items.find((item: any) => item.id === claim.id);
      expect(found).toMatchObject({
        text: claim.text,
        source: { id: source.data.source.id, url: `https://news.example.org/${run}/measles` },
      });
      expect(found.stances.map((stance: any) => [stance.actor.name, stance.type, stance.sourceUrl])).toEqual(
        claim.stances.map((stance: any) => [
          stance.actor.name,
          stance.type,
          `https://news.example.org/${run}/measles`,
        ]),
      );
    }
    expect(accepted[0].stances.map((stance: any) => [stance.actor.name, stance.type])).toEqual([
      [`Ilona Varga${run}`, 'asserted'],
      ['World Health Organization', 'supported'],
    ]);

    // Ingested again elsewhere, each candidate is shown the claim accepted from it, and exactly
    // what the similar-claims route answers for its own text.
    const again = await call({
      method: 'POST',
      url: '/v1/sources/ingest',
      payload: { url: `https://news.example.org/${run}/measles-syndicated`, text: article },
      as: 'fact_checker',
    });
    expect(again.statusCode).toBe(201);
    expect(again.data.candidates).toHaveLength(2);
    for (const candidate of again.data.candidates) {
      const claim = accepted.find((item: any) => item.text === candidate.text);
      expect(candidate.similar[0]).toEqual({ id: claim.id, text: claim.text, score: 1 });
      const lookup = await call({
        method: 'GET',
        url: `/v1/claims/similar?text=${encodeURIComponent(candidate.text)}`,
        as: 'editor',
      });
      expect(lookup.statusCode).toBe(200);
      expect(candidate.similar).toEqual(lookup.data);
    }
  });

  it('accepts the candidate’s own shape edited: a removed actor gets no stance and is not created', async () => {
    const article = `Defence Minister Tomas Reed${run} said 300 soldiers had crossed the border near Narva${run} on Sunday. The Estonian Defence Forces denied the claim.`;
    const source = await call({
      method: 'POST',
      url: '/v1/sources/ingest',
      payload: { url: `https://news.example.org/${run}/narva`, text: article },
      as: 'editor',
    });
    const [candidate] = source.data.candidates;
    expect(candidate.actors.map((actor: any) => actor.stance)).toEqual(['asserted', 'rejected']);
    const path = `/v1/sources/${source.data.source.id}/candidates/${candidate.id}/accept`;
    const invalid = await call({
      method: 'POST',
      url: path,
      payload: { actors: [{ ...candidate.actors[0], kind: 'alien' }] },
      as: 'editor',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.data.errors.map((error: any) => error.field)).toEqual(['actors[0].kind']);
    const response = await call({
      method: 'POST',
      url: path,
      payload: { actors: [{ ...candidate.actors[0], title: 'Minister of Defence' }] },
      as: 'editor',
    });
    expect(response.statusCode).toBe(201);
    expect(response.data.stances).toEqual([
      expect.objectContaining({
        type: 'asserted',
        quote: candidate.sentence,
        actor: expect.objectContaining({ name: `Tomas Reed${run}`, title: 'Minister of Defence' }),
      }),
    ]);
    const search = await call({
      method: 'GET',
      url: `/v1/actors?q=${encodeURIComponent('Estonian Defence Forces')}`,
      as: 'editor',
    });
    expect(search.statusCode).toBe(200);
    expect(search.data.items).toEqual([]);
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
