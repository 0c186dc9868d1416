import { startTestApi, TestApi, TestRequest, TestResponse } from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';

/** Every claims route against bad input: each answer is a 4xx problem+json, never a 5xx. */
describe('claims routes reject bad input', () => {
  let api: TestApi;
  let claimId: string;
  let stanceId: string;
  let evidenceId: string;
  const unknown = randomUUID();

  beforeAll(async () => {
    api = await startTestApi();
    const claim = await api.request({
      method: 'POST',
      url: '/v1/claims',
      payload: {
        text: 'A claim used to probe every route with bad input.',
        stances: [{ actor: { name: 'Probe Person', kind: 'person' }, type: 'asserted' }],
      },
    });
    claimId = claim.data.id;
    stanceId = claim.data.stances[0].id;
    const evidence = await api.request({
      method: 'POST',
      url: `/v1/claims/${claimId}/evidence`,
      payload: { kind: 'other', summary: 'Probe evidence.', relation: 'context' },
    });
    evidenceId = evidence.data.id;
  });
  afterAll(() => api.close());

  async function expectProblem(request: TestRequest, status: number, field?: string): Promise<TestResponse> {
    const response = await api.request({ as: 'editor', ...request });
    const label = `${request.method} ${request.url} ${JSON.stringify(request.payload ?? null).slice(0, 200)}`;
    expect({ label, status: response.statusCode }).toEqual({ label, status });
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.data).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
    if (field) {
      expect({ label, fields: response.data.errors?.map((error: any) => error.field) }).toEqual({
        label,
        fields: expect.arrayContaining([field]),
      });
    }
    return response;
  }

  const validClaim = { text: 'A perfectly valid claim text.' };

  it('POST /v1/claims', async () => {
    await expectProblem({ method: 'POST', url: '/v1/claims', payload: { text: 'short' } }, 400, 'text');
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { text: 'x'.repeat(2001) } },
      400,
      'text',
    );
    await expectProblem({ method: 'POST', url: '/v1/claims', payload: { text: 42 } }, 400, 'text');
    await expectProblem({ method: 'POST', url: '/v1/claims', payload: {} }, 400, 'text');
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, color: 'red' } },
      400,
      'color',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, summary: 'x'.repeat(2001) } },
      400,
      'summary',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, priority: 'asap' } },
      400,
      'priority',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, priority: null } },
      400,
      'priority',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, language: 'english!' } },
      400,
      'language',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, tags: ['Upper'] } },
      400,
      'tags',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, tags: ['-lead'] } },
      400,
      'tags',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, tags: ['a'.repeat(41)] } },
      400,
      'tags',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: { ...validClaim, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      },
      400,
      'tags',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, tags: 'one' } },
      400,
      'tags',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, source: 'https://x.org' } },
      400,
      'source',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, source: { url: 'ftp://x.org/a' } } },
      400,
      'source.url',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, source: { url: 'not a url' } } },
      400,
      'source.url',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: { ...validClaim, source: { url: `https://x.org/${'a'.repeat(2000)}` } },
      },
      400,
      'source.url',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: { ...validClaim, source: { url: 'https://x.org', publishedAt: 'yesterday' } },
      },
      400,
      'source.publishedAt',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: { ...validClaim, source: { url: 'https://x.org', extra: 1 } },
      },
      400,
      'source.extra',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, stances: [{ type: 'asserted' }] } },
      400,
      'stances[0].actorId',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: { ...validClaim, stances: [{ actorId: 'nope', type: 'asserted' }] },
      },
      400,
      'stances[0].actorId',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: { ...validClaim, stances: [{ actorId: unknown, type: 'asserted' }] },
      },
      400,
      'stances[0].actorId',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: {
          ...validClaim,
          stances: [{ actorId: unknown, actor: { name: 'A', kind: 'person' }, type: 'asserted' }],
        },
      },
      400,
      'stances[0].actorId',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: { ...validClaim, stances: [{ actor: { name: 'A', kind: 'robot' }, type: 'asserted' }] },
      },
      400,
      'stances[0].actor.kind',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: {
          ...validClaim,
          stances: [{ actor: { name: 'A', kind: 'person', x: 1 }, type: 'asserted' }],
        },
      },
      400,
      'stances[0].actor.x',
    );
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: { ...validClaim, stances: [{ actor: { name: 'A', kind: 'person' }, type: 'liked' }] },
      },
      400,
      'stances[0].type',
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, stances: ['x'] } },
      400,
    );
    await expectProblem(
      { method: 'POST', url: '/v1/claims', payload: { ...validClaim, stances: {} } },
      400,
      'stances',
    );
    await expectProblem({ method: 'POST', url: '/v1/claims', payload: [validClaim] }, 400);
    await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        payload: { ...validClaim, text: 'Ten chars \u0000 with a NUL byte' },
      },
      400,
    );
  });

  it('rejects malformed, mistyped and oversized bodies', async () => {
    const json = { 'content-type': 'application/json' };
    const cutShort = await expectProblem(
      { method: 'POST', url: '/v1/claims', headers: json, payload: '{"text": ' },
      400,
    );
    expect(cutShort.data.detail).toBe(
      'The request body is not valid JSON: it ends at position 9 before the JSON value is complete.',
    );
    const xml = await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        headers: { 'content-type': 'application/xml' },
        payload: '<claim/>',
      },
      415,
    );
    expect(xml.data.detail).toBe(
      'The request body is application/xml; send it as application/json, the only media type accepted.',
    );
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const refused = await expectProblem(
        {
          method: 'POST',
          url: '/v1/claims',
          headers: { 'content-type': type },
          payload: 'text=A plain claim body',
        },
        415,
      );
      expect(refused.data.detail).toContain(`is ${type}; send it as application/json`);
    }
    const large = await expectProblem(
      {
        method: 'POST',
        url: '/v1/claims',
        headers: json,
        payload: JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 10) }),
      },
      413,
    );
    expect(large.data.detail).toBe('The request body is larger than the limit of 1048576 bytes.');
    await expectProblem({ method: 'PATCH', url: `/v1/claims/${claimId}`, headers: json, payload: '{' }, 400);
    const patchXml = await expectProblem(
      {
        method: 'PATCH',
        url: `/v1/claims/${claimId}`,
        headers: { 'content-type': 'text/xml' },
        payload: '<a/>',
      },
      415,
    );
    expect(patchXml.data.detail).toContain('is text/xml; send it as application/json');
    await expectProblem(
      { method: 'POST', url: `/v1/claims/${claimId}/stances`, headers: json, payload: 'null' },
      400,
    );
    await expectProblem(
      { method: 'POST', url: `/v1/claims/${claimId}/evidence`, headers: json, payload: '"text"' },
      400,
    );
  });

  it('GET /v1/claims', async () => {
    for (const limit of ['0', '101', 'abc', '-1', '1.5']) {
      await expectProblem({ method: 'GET', url: `/v1/claims?limit=${limit}` }, 400, 'limit');
    }
    await expectProblem({ method: 'GET', url: '/v1/claims?cursor=forged' }, 400, 'cursor');
    await expectProblem({ method: 'GET', url: '/v1/claims?cursor=!!' }, 400, 'cursor');
    for (const position of [
      ['2024-01-01', unknown],
      ['2024-13-45T00:00:00.000000Z', unknown],
      ['2024-01-01T00:00:00.000000Z', 'x'],
      [1, 2, 3],
    ]) {
      const cursor = Buffer.from(JSON.stringify(position)).toString('base64url');
      await expectProblem({ method: 'GET', url: `/v1/claims?cursor=${cursor}` }, 400, 'cursor');
    }
    await expectProblem({ method: 'GET', url: '/v1/claims?status=pending' }, 400, 'status');
    await expectProblem({ method: 'GET', url: '/v1/claims?evidenceStatus=true' }, 400, 'evidenceStatus');
    await expectProblem({ method: 'GET', url: '/v1/claims?verdict=pants_on_fire' }, 400, 'verdict');
    await expectProblem({ method: 'GET', url: '/v1/claims?assigneeId=42' }, 400, 'assigneeId');
    await expectProblem({ method: 'GET', url: '/v1/claims?actorId=42' }, 400, 'actorId');
    await expectProblem({ method: 'GET', url: '/v1/claims?tag=Not%20A%20Tag' }, 400, 'tag');
    await expectProblem({ method: 'GET', url: `/v1/claims?q=${'x'.repeat(201)}` }, 400, 'q');
    await expectProblem({ method: 'GET', url: '/v1/claims?q=a&q=b' }, 400, 'q');
    await expectProblem({ method: 'GET', url: '/v1/claims?sort=oldest' }, 400, 'sort');
    // Odd but valid search input is not an error.
    for (const q of ['"unterminated', '!!! & | <->', "o'neil:*", '-', 'or or or']) {
      const response = await api.request({ method: 'GET', url: `/v1/claims?q=${encodeURIComponent(q)}` });
      expect({ q, status: response.statusCode }).toEqual({ q, status: 200 });
    }
  });

  it('GET /v1/claims/similar', async () => {
    await expectProblem({ method: 'GET', url: '/v1/claims/similar' }, 400, 'text');
    await expectProblem({ method: 'GET', url: '/v1/claims/similar?text=ab' }, 400, 'text');
    await expectProblem({ method: 'GET', url: `/v1/claims/similar?text=${'x'.repeat(2001)}` }, 400, 'text');
    await expectProblem({ method: 'GET', url: '/v1/claims/similar?text=abcdef&limit=3' }, 400, 'limit');
  });

  it('GET /v1/claims/:id and /history', async () => {
    for (const suffix of ['', '/history']) {
      await expectProblem({ method: 'GET', url: `/v1/claims/not-a-uuid${suffix}` }, 400, 'id');
      await expectProblem({ method: 'GET', url: `/v1/claims/${unknown}${suffix}` }, 404);
    }
  });

  it('PATCH /v1/claims/:id', async () => {
    const url = `/v1/claims/${claimId}`;
    await expectProblem({ method: 'PATCH', url, payload: { text: 'short' } }, 400, 'text');
    await expectProblem({ method: 'PATCH', url, payload: { text: null } }, 400, 'text');
    await expectProblem({ method: 'PATCH', url, payload: { tags: null } }, 400, 'tags');
    await expectProblem({ method: 'PATCH', url, payload: { priority: 'later' } }, 400, 'priority');
    await expectProblem({ method: 'PATCH', url, payload: { evidenceStatus: null } }, 400, 'evidenceStatus');
    await expectProblem({ method: 'PATCH', url, payload: { dueAt: 'tomorrow' } }, 400, 'dueAt');
    await expectProblem({ method: 'PATCH', url, payload: { dueAt: '2024-02-30T00:00:00Z' } }, 400, 'dueAt');
    await expectProblem({ method: 'PATCH', url, payload: { status: 'published' } }, 400, 'status');
    await expectProblem({ method: 'PATCH', url, payload: { verdict: 'true' } }, 400, 'verdict');
    await expectProblem({ method: 'PATCH', url, payload: {} }, 400);
    await expectProblem(
      { method: 'PATCH', url: '/v1/claims/not-a-uuid', payload: { priority: 'low' } },
      400,
      'id',
    );
    await expectProblem({ method: 'PATCH', url: `/v1/claims/${unknown}`, payload: { priority: 'low' } }, 404);
    await expectProblem(
      { method: 'PATCH', url, headers: { 'if-match': '"0"' }, payload: { priority: 'low' } },
      412,
    );
    await expectProblem(
      { method: 'PATCH', url, headers: { 'if-match': 'garbage' }, payload: { priority: 'low' } },
      412,
    );
  });

  it('POST /v1/claims/:id/stances', async () => {
    const url = `/v1/claims/${claimId}/stances`;
    const valid = { actor: { name: 'Probe Person', kind: 'person' }, type: 'rejected' };
    await expectProblem({ method: 'POST', url, payload: { ...valid, type: 'ignored' } }, 400, 'type');
    await expectProblem({ method: 'POST', url, payload: { type: 'asserted' } }, 400, 'actorId');
    await expectProblem(
      { method: 'POST', url, payload: { actorId: unknown, type: 'asserted' } },
      400,
      'actorId',
    );
    await expectProblem(
      { method: 'POST', url, payload: { ...valid, statedAt: '06/05/2022' } },
      400,
      'statedAt',
    );
    await expectProblem(
      { method: 'POST', url, payload: { ...valid, sourceUrl: 'javascript:alert(1)' } },
      400,
      'sourceUrl',
    );
    await expectProblem(
      { method: 'POST', url, payload: { ...valid, quote: 'x'.repeat(2001) } },
      400,
      'quote',
    );
    await expectProblem({ method: 'POST', url, payload: { ...valid, mood: 'angry' } }, 400, 'mood');
    await expectProblem({ method: 'POST', url: '/v1/claims/nope/stances', payload: valid }, 400, 'id');
    await expectProblem({ method: 'POST', url: `/v1/claims/${unknown}/stances`, payload: valid }, 404);
    await expectProblem({ method: 'POST', url, headers: { 'if-match': 'W/"0"' }, payload: valid }, 412);
  });

  it('DELETE /v1/claims/:id/stances/:stanceId', async () => {
    await expectProblem({ method: 'DELETE', url: `/v1/claims/nope/stances/${stanceId}` }, 400, 'id');
    await expectProblem({ method: 'DELETE', url: `/v1/claims/${claimId}/stances/nope` }, 400, 'stanceId');
    await expectProblem({ method: 'DELETE', url: `/v1/claims/${unknown}/stances/${stanceId}` }, 404);
    await expectProblem({ method: 'DELETE', url: `/v1/claims/${claimId}/stances/${unknown}` }, 404);
    await expectProblem({ method: 'DELETE', url: `/v1/claims/${claimId}/stances/${evidenceId}` }, 404);
    await expectProblem(
      {
        method: 'DELETE',
        url: `/v1/claims/${claimId}/stances/${stanceId}`,
        headers: { 'if-match': 'W/"0"' },
      },
      412,
    );
  });

  it('POST /v1/claims/:id/evidence', async () => {
    const url = `/v1/claims/${claimId}/evidence`;
    const valid = { kind: 'data', summary: 'Official statistics.', relation: 'context' };
    await expectProblem({ method: 'POST', url, payload: { ...valid, kind: 'rumour' } }, 400, 'kind');
    await expectProblem({ method: 'POST', url, payload: { ...valid, relation: 'maybe' } }, 400, 'relation');
    await expectProblem(
      { method: 'POST', url, payload: { ...valid, reliability: 'very' } },
      400,
      'reliability',
    );
    await expectProblem({ method: 'POST', url, payload: { ...valid, summary: ' ' } }, 400, 'summary');
    await expectProblem(
      { method: 'POST', url, payload: { ...valid, summary: 'x'.repeat(2001) } },
      400,
      'summary',
    );
    await expectProblem({ method: 'POST', url, payload: { ...valid, url: 'mailto:a@b.c' } }, 400, 'url');
    await expectProblem({ method: 'POST', url, payload: { ...valid, weight: 3 } }, 400, 'weight');
    await expectProblem({ method: 'POST', url: '/v1/claims/nope/evidence', payload: valid }, 400, 'id');
    await expectProblem({ method: 'POST', url: `/v1/claims/${unknown}/evidence`, payload: valid }, 404);
    await expectProblem({ method: 'POST', url, headers: { 'if-match': 'W/"0"' }, payload: valid }, 412);
  });

  it('DELETE /v1/claims/:id/evidence/:evidenceId', async () => {
    await expectProblem({ method: 'DELETE', url: `/v1/claims/nope/evidence/${evidenceId}` }, 400, 'id');
    await expectProblem({ method: 'DELETE', url: `/v1/claims/${claimId}/evidence/nope` }, 400, 'evidenceId');
    await expectProblem({ method: 'DELETE', url: `/v1/claims/${unknown}/evidence/${evidenceId}` }, 404);
    await expectProblem({ method: 'DELETE', url: `/v1/claims/${claimId}/evidence/${unknown}` }, 404);
    await expectProblem({ method: 'DELETE', url: `/v1/claims/${claimId}/evidence/${stanceId}` }, 404);
  });

  it('describes the routes and their bodies in the OpenAPI document', async () => {
    const response = await api.request({ method: 'GET', url: '/docs-json' });
    const { paths, components } = response.data;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/v1/actors',
        '/v1/actors/{id}',
        '/v1/claims',
        '/v1/claims/similar',
        '/v1/claims/{id}',
        '/v1/claims/{id}/history',
        '/v1/claims/{id}/stances',
        '/v1/claims/{id}/stances/{stanceId}',
        '/v1/claims/{id}/evidence',
        '/v1/claims/{id}/evidence/{evidenceId}',
      ]),
    );
    for (const schema of [
      'ClaimView',
      'CreatedClaimView',
      'ClaimPage',
      'ActorView',
      'ActorDetailView',
      'CreateClaimDto',
      'CreateStanceDto',
      'UpdateClaimDto',
      'HistoryEntryView',
    ]) {
      expect(components.schemas[schema]).toBeDefined();
    }
    expect(components.schemas.CreateClaimDto.properties.priority.enum).toEqual([
      'low',
      'normal',
      'high',
      'urgent',
    ]);
    expect(paths['/v1/claims'].post.responses['201'].content['application/json'].schema.$ref).toContain(
      'CreatedClaimView',
    );
  });
});
