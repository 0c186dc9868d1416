import { startTestApi, TestApi, TestRequest, TestResponse } from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';

describe('actors', () => {
  let api: TestApi;
  const run = `a${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

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

  let actor: any;

  it('creates an actor', async () => {
    const response = await call({
      method: 'POST',
      url: '/v1/actors',
      payload: {
        name: `Sergei Lavrov ${run}`,
        kind: 'person',
        title: 'Minister of Foreign Affairs',
        country: 'Russia',
        aliases: [`Sergey Lavrov ${run}`, `С. Лавров ${run}`],
      },
      as: 'editor',
    });
    expect(response.statusCode).toBe(201);
    actor = response.data;
    expect(actor).toMatchObject({
      name: `Sergei Lavrov ${run}`,
      kind: 'person',
      title: 'Minister of Foreign Affairs',
      country: 'Russia',
      aliases: [`Sergey Lavrov ${run}`, `С. Лавров ${run}`],
      version: 1,
    });
    expect(actor.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(actor.createdAt).toISOString()).toBe(actor.createdAt);
  });

  it('finds it by name or alias, ignoring case and accents, and tolerating a typo', async () => {
    for (const q of [`sergéi lavrov ${run}`, `SERGEY LAVROV ${run}`, `лавров ${run}`, `lavrow ${run}`, run]) {
      const response = await call({
        method: 'GET',
        url: `/v1/actors?q=${encodeURIComponent(q)}`,
        as: 'newsroom',
      });
      expect(response.statusCode).toBe(200);
      expect(response.data.items.map((item: any) => item.id)).toContain(actor.id);
    }
    const none = await call({
      method: 'GET',
      url: `/v1/actors?q=${encodeURIComponent('nobody-at-all-xyz')}`,
    });
    expect(none.data.items).toEqual([]);
    // LIKE wildcards are literal characters in q.
    const wildcard = await call({ method: 'GET', url: `/v1/actors?q=${encodeURIComponent('%_%')}` });
    expect(wildcard.statusCode).toBe(200);
    expect(wildcard.data.items.map((item: any) => item.id)).not.toContain(actor.id);
  });

  it('shows the claims the actor took a stance on', async () => {
    const claim = await call({
      method: 'POST',
      url: '/v1/claims',
      payload: {
        text: `The minister ${run} says mercenaries from the Balkans are fighting in Ukraine.`,
        stances: [
          { actor: { name: `sergei lavrov ${run}`, kind: 'person' }, type: 'asserted', quote: 'They go.' },
        ],
      },
      as: 'fact_checker',
    });
    expect(claim.statusCode).toBe(201);
    expect(claim.data.stances[0].actor.id).toBe(actor.id);

    const viaAlias = await call({
      method: 'POST',
      url: `/v1/claims/${claim.data.id}/stances`,
      payload: { actor: { name: `sergey lavrov ${run}`, kind: 'person' }, type: 'repeated' },
      as: 'fact_checker',
    });
    expect(viaAlias.statusCode).toBe(201);
    expect(viaAlias.data.actor.id).toBe(actor.id);

    const response = await call({ method: 'GET', url: `/v1/actors/${actor.id}`, as: 'newsroom' });
    expect(response.statusCode).toBe(200);
    expect(response.data.claimsTruncated).toBe(false);
    expect(response.data.claims).toHaveLength(2);
    expect(response.data.claims.map((entry: any) => entry.type).sort()).toEqual(['asserted', 'repeated']);
    expect(response.data.claims[0].claim).toMatchObject({ id: claim.data.id, status: 'submitted' });
  });

  it('pages through actors with a cursor', async () => {
    // A token unrelated to `run`: the fuzzy match would otherwise also find this suite's other actors.
    const group = `grp${randomUUID().replace(/-/g, '')}`;
    for (const name of ['Charlie', 'Alpha', 'Bravo']) {
      await call({ method: 'POST', url: '/v1/actors', payload: { name: `${name} ${group}`, kind: 'group' } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: TestResponse = await call({
        method: 'GET',
        url: `/v1/actors?q=${group}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      seen.push(...response.data.items.map((item: any) => item.name));
      cursor = response.data.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(seen).toEqual([`Alpha ${group}`, `Bravo ${group}`, `Charlie ${group}`]);
    expect(pages).toBe(2);
  });

  it('rejects bad input with problem+json', async () => {
    const cases: [TestRequest, number, string?][] = [
      [{ method: 'POST', url: '/v1/actors', payload: { name: 'X', kind: 'alien' } }, 400, 'kind'],
      [{ method: 'POST', url: '/v1/actors', payload: { name: '   ', kind: 'person' } }, 400, 'name'],
      [{ method: 'POST', url: '/v1/actors', payload: { kind: 'person' } }, 400, 'name'],
      [
        { method: 'POST', url: '/v1/actors', payload: { name: 'X', kind: 'person', aliases: 'X' } },
        400,
        'aliases',
      ],
      [
        { method: 'POST', url: '/v1/actors', payload: { name: 'X', kind: 'person', aliases: null } },
        400,
        'aliases',
      ],
      [
        { method: 'POST', url: '/v1/actors', payload: { name: 'X'.repeat(201), kind: 'person' } },
        400,
        'name',
      ],
      [
        { method: 'POST', url: '/v1/actors', payload: { name: 'X', kind: 'person', born: 1950 } },
        400,
        'born',
      ],
      [{ method: 'GET', url: '/v1/actors?limit=0' }, 400, 'limit'],
      [{ method: 'GET', url: '/v1/actors?limit=101' }, 400, 'limit'],
      [{ method: 'GET', url: '/v1/actors?limit=abc' }, 400, 'limit'],
      [{ method: 'GET', url: `/v1/actors?q=${'x'.repeat(201)}` }, 400, 'q'],
      [{ method: 'GET', url: '/v1/actors?sort=name' }, 400, 'sort'],
      [{ method: 'GET', url: '/v1/actors?cursor=bm90LWEtY3Vyc29y' }, 400, 'cursor'],
      [
        {
          method: 'GET',
          url: `/v1/actors?cursor=${Buffer.from('["x","not-a-uuid"]').toString('base64url')}`,
        },
        400,
      ],
      [{ method: 'GET', url: '/v1/actors/not-a-uuid' }, 400, 'id'],
      [{ method: 'GET', url: `/v1/actors/${randomUUID()}` }, 404],
    ];
    for (const [request, status, field] of cases) {
      const response = await call(request);
      expect({ url: request.url, payload: request.payload, status: response.statusCode }).toEqual({
        url: request.url,
        payload: request.payload,
        status,
      });
      expect(response.data).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
      if (field) expect(response.data.errors.map((error: any) => error.field)).toContain(field);
    }
  });
});
