import { startTestApi, TestApi, TestRequest, TestResponse } from '@claimdesk/testing';
import { CLAIM_EDITS } from '@claimdesk/workflow';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** The claims registry end to end: creation with inline actors, search, similar, filters, paging, edits, history. */
describe('claims', () => {
  let api: TestApi;
  // Other suites share the run's database; a per-run tag keeps this suite's lists to its own claims.
  const run = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

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

  const lavrovClaim = {
    text: `Foreign fighters recruited in Albania, Kosovo and Bosnia are being shipped to Ukraine as mercenaries (${run}).`,
    summary: 'The Russian foreign minister said Balkan mercenaries are heading to the front.',
    tags: [run, 'ukraine', 'balkans'],
    priority: 'high',
    source: {
      url: `https://news.example.org/${run}/briefing/?utm_source=feed#top`,
      title: 'Press conference of the foreign minister',
      outlet: 'Example News',
      publishedAt: '2022-05-06T09:30:00Z',
    },
    stances: [
      {
        actor: {
          name: 'Sergei Lavrov',
          kind: 'person',
          title: 'Minister of Foreign Affairs',
          country: 'Russia',
        },
        type: 'asserted',
        statedAt: '2022-05-06T09:00:00Z',
        quote: 'Mercenaries from the Balkans are going there.',
      },
      {
        actor: { name: `Ministry of Defence of Albania ${run}`, kind: 'government', country: 'Albania' },
        type: 'rejected',
      },
    ],
  };

  async function createClaim(body: Record<string, unknown>): Promise<any> {
    const response = await call({ method: 'POST', url: '/v1/claims', payload: body, as: 'fact_checker' });
    expect(response.statusCode).toBe(201);
    return response.data;
  }

  let first: any;

  it('creates a claim with its source and inline actors', async () => {
    const response = await call({
      method: 'POST',
      url: '/v1/claims',
      payload: lavrovClaim,
      as: 'fact_checker',
    });
    expect(response.statusCode).toBe(201);
    first = response.data;
    expect(first).toMatchObject({
      text: lavrovClaim.text,
      summary: lavrovClaim.summary,
      language: 'en',
      tags: [run, 'ukraine', 'balkans'],
      priority: 'high',
      status: 'submitted',
      evidenceStatus: 'unverified',
      verdict: null,
      assigneeId: null,
      version: 1,
      evidence: [],
      notesCount: 0,
      currentReview: null,
      allowedActions: [],
      source: {
        title: 'Press conference of the foreign minister',
        outlet: 'Example News',
        publishedAt: '2022-05-06T09:30:00.000Z',
      },
    });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);
    expect(response.headers.etag).toBe('W/"1"');
    expect(first.stances).toHaveLength(2);
    expect(first.stances[0]).toMatchObject({
      type: 'asserted',
      statedAt: '2022-05-06T09:00:00.000Z',
      actor: { name: 'Sergei Lavrov', kind: 'person', country: 'Russia' },
    });
    expect(first.stances[1]).toMatchObject({ type: 'rejected', actor: { kind: 'government' } });
    expect(Array.isArray(first.similar)).toBe(true);
    expect(first.similar.map((item: any) => item.id)).not.toContain(first.id);

    const fetched = await call({ method: 'GET', url: `/v1/claims/${first.id}`, as: 'newsroom' });
    expect(fetched.statusCode).toBe(200);
    // The submitter may edit their submitted claim; a newsroom key sees the same claim with no edits
    // and without who at the desk recorded it.
    expect(first.allowedEdits).toEqual([...CLAIM_EDITS]);
    const { similar: _similar, allowedEdits: _edits, ...shown } = first;
    expect(fetched.data).toEqual({
      ...shown,
      allowedEdits: [],
      createdBy: null,
      stances: shown.stances.map((stance: any) => ({ ...stance, createdBy: null })),
    });
    expect(fetched.headers.etag).toBe('W/"1"');
    // The answer to the create is put together from what it wrote; read back, it is the same claim.
    const own = await call({ method: 'GET', url: `/v1/claims/${first.id}`, as: 'fact_checker' });
    expect(own.data).toEqual({ ...shown, allowedEdits: first.allowedEdits });
  });

  it('reuses an actor named with different case and accents, and a source reached through a tracking link', async () => {
    const second = await createClaim({
      text: `Albanian and Bosnian mercenaries keep arriving, the minister repeated (${run}).`,
      tags: [run],
      source: { url: `HTTPS://NEWS.example.org:443/${run}/briefing?utm_medium=social` },
      stances: [{ actor: { name: '  sergéi   LAVROV ', kind: 'person' }, type: 'repeated' }],
    });
    const lavrov = first.stances[0].actor;
    expect(second.stances[0].actor.id).toBe(lavrov.id);
    expect(second.source.id).toBe(first.source.id);

    const actor = await call({ method: 'GET', url: `/v1/actors/${lavrov.id}`, as: 'newsroom' });
    expect(actor.statusCode).toBe(200);
    expect(actor.data.claims.map((entry: any) => [entry.claim.id, entry.type])).toEqual(
      expect.arrayContaining([
        [first.id, 'asserted'],
        [second.id, 'repeated'],
      ]),
    );
  });

  it('finds the claim by full-text search, with its stances', async () => {
    for (const q of ['mercenaries', 'MERCENARY', 'mercenaries albania', 'Albánia kosovo']) {
      const response = await call({
        method: 'GET',
        url: `/v1/claims?q=${encodeURIComponent(q)}&tag=${run}`,
        as: 'newsroom',
      });
      expect(response.statusCode).toBe(200);
      const found = response.data.items.find((item: any) => item.id === first.id);
      expect(found).toBeDefined();
      expect(found.stances.map((stance: any) => stance.actor.name)).toContain('Sergei Lavrov');
      expect(found.source.id).toBe(first.source.id);
    }
    const none = await call({ method: 'GET', url: `/v1/claims?q=volcano&tag=${run}` });
    expect(none.data.items).toEqual([]);
  });

  it('finds claims in other languages word for word', async () => {
    const german = await createClaim({
      text: `Söldner aus Albanien kämpfen angeblich in der Ukraine (${run}).`,
      language: 'de',
      tags: [run, 'german'],
    });
    const response = await call({ method: 'GET', url: `/v1/claims?q=soldner&tag=${run}` });
    expect(response.data.items.map((item: any) => item.id)).toEqual([german.id]);
  });

  it('offers a near-duplicate as similar, on create and through /similar', async () => {
    const nearText = `Foreign fighters recruited in Albania, Kosovo and Bosnia are being sent to Ukraine as mercenaries (${run})`;
    const near = await createClaim({ text: nearText, tags: [run, 'near'] });
    expect(near.similar.map((item: any) => item.id)).toContain(first.id);
    expect(near.similar.map((item: any) => item.id)).not.toContain(near.id);
    const again = await createClaim({ text: nearText, tags: [run, 'near'] });
    expect(again.similar[0]).toEqual({ id: near.id, text: nearText, score: 1 });
    expect(again.similar.map((item: any) => item.id)).not.toContain(again.id);
    const match = near.similar.find((item: any) => item.id === first.id);
    expect(match.score).toBeGreaterThan(0.5);
    expect(match.score).toBeLessThanOrEqual(1);
    expect(match.text).toBe(first.text);

    const response = await call({
      method: 'GET',
      url: `/v1/claims/similar?text=${encodeURIComponent(nearText.toUpperCase())}`,
      as: 'editor',
    });
    expect(response.statusCode).toBe(200);
    expect(response.data.length).toBeLessThanOrEqual(5);
    expect(response.data.map((item: any) => item.id)).toEqual(expect.arrayContaining([first.id, near.id]));

    const unrelated = await call({
      method: 'GET',
      url: `/v1/claims/similar?text=${encodeURIComponent('zzqx wvvy')}`,
    });
    expect(unrelated.data).toEqual([]);
  });

  it('filters by status, tag, actor and evidence status', async () => {
    const lavrovId = first.stances[0].actor.id;
    const rejecterId = first.stances[1].actor.id;

    const byTag = await call({ method: 'GET', url: `/v1/claims?tag=${run}&limit=100` });
    expect(byTag.data.items.length).toBeGreaterThanOrEqual(4);
    expect(byTag.data.items.every((item: any) => item.tags.includes(run))).toBe(true);

    const byStatus = await call({ method: 'GET', url: `/v1/claims?tag=${run}&status=submitted&limit=100` });
    expect(byStatus.data.items).toHaveLength(byTag.data.items.length);
    const published = await call({ method: 'GET', url: `/v1/claims?tag=${run}&status=published` });
    expect(published.data.items).toEqual([]);

    const byActor = await call({ method: 'GET', url: `/v1/claims?actorId=${rejecterId}` });
    expect(byActor.data.items.map((item: any) => item.id)).toEqual([first.id]);
    const byLavrov = await call({ method: 'GET', url: `/v1/claims?actorId=${lavrovId}&tag=${run}` });
    expect(byLavrov.data.items).toHaveLength(2);

    const patched = await call({
      method: 'PATCH',
      url: `/v1/claims/${byLavrov.data.items[0].id}`,
      payload: { evidenceStatus: 'disputed' },
      as: 'editor',
    });
    expect(patched.statusCode).toBe(200);
    const disputed = await call({ method: 'GET', url: `/v1/claims?tag=${run}&evidenceStatus=disputed` });
    expect(disputed.data.items.map((item: any) => item.id)).toEqual([byLavrov.data.items[0].id]);

    const combined = await call({ method: 'GET', url: `/v1/claims?tag=near&q=volcano` });
    expect(combined.data.items).toEqual([]);
  });

  it('walks every page with limit=2, stably while claims are inserted', async () => {
    const tag = `${run}-paging`;
    const created: string[] = [];
    for (let index = 0; index < 5; index++) {
      created.push((await createClaim({ text: `Paging claim number ${index} for ${run}`, tags: [tag] })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: TestResponse = await call({
        method: 'GET',
        url: `/v1/claims?tag=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.data.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.data.items.map((item: any) => item.id));
      cursor = response.data.nextCursor;
      if (pages === 0) {
        // A claim submitted while the client pages is newer than the cursor: it shifts nothing.
        await createClaim({ text: `Paging claim inserted mid-walk for ${run}`, tags: [tag] });
      }
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...created].reverse());
  });

  it('honours If-Match on PATCH and bumps version and ETag', async () => {
    const stale = await call({
      method: 'PATCH',
      url: `/v1/claims/${first.id}`,
      headers: { 'if-match': 'W/"99"' },
      payload: { priority: 'urgent' },
      as: 'editor',
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.data).toMatchObject({ status: 412, currentVersion: 1 });

    const before = await call({ method: 'GET', url: `/v1/claims/${first.id}` });
    const fresh = await call({
      method: 'PATCH',
      url: `/v1/claims/${first.id}`,
      headers: { 'if-match': before.headers.etag as string },
      payload: { priority: 'urgent', summary: null, dueAt: '2030-01-01T12:00:00Z', tags: [run, 'kosovo'] },
      as: 'editor',
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.data).toMatchObject({
      version: 2,
      priority: 'urgent',
      summary: null,
      dueAt: '2030-01-01T12:00:00.000Z',
      tags: [run, 'kosovo'],
    });
    expect(fresh.headers.etag).toBe('W/"2"');
    expect(fresh.headers.etag).not.toBe(before.headers.etag);

    const noop = await call({
      method: 'PATCH',
      url: `/v1/claims/${first.id}`,
      payload: { priority: 'urgent' },
      as: 'editor',
    });
    expect(noop.data.version).toBe(2);

    const reused = await call({
      method: 'PATCH',
      url: `/v1/claims/${first.id}`,
      headers: { 'if-match': before.headers.etag as string },
      payload: { priority: 'low' },
      as: 'editor',
    });
    expect(reused.statusCode).toBe(412);
  });

  it('adds and removes stances and evidence, versioned and guarded by If-Match', async () => {
    const start = (await call({ method: 'GET', url: `/v1/claims/${first.id}` })).data;
    const stale = await call({
      method: 'POST',
      url: `/v1/claims/${first.id}/evidence`,
      headers: { 'if-match': 'W/"1"' },
      payload: { kind: 'official_statement', summary: 'A denial.', relation: 'refutes' },
    });
    expect(stale.statusCode).toBe(412);

    const evidence = await call({
      method: 'POST',
      url: `/v1/claims/${first.id}/evidence`,
      headers: { 'if-match': `W/"${start.version}"` },
      payload: {
        kind: 'official_statement',
        summary: 'The Albanian defence ministry denied any recruitment.',
        url: 'https://mod.example.gov/statement',
        relation: 'refutes',
        reliability: 'high',
      },
      as: 'fact_checker',
    });
    expect(evidence.statusCode).toBe(201);
    expect(evidence.data).toMatchObject({
      kind: 'official_statement',
      relation: 'refutes',
      reliability: 'high',
    });

    const stance = await call({
      method: 'POST',
      url: `/v1/claims/${first.id}/stances`,
      payload: {
        actorId: first.stances[0].actor.id,
        type: 'repeated',
        sourceUrl: 'https://tv.example.ru/clip',
      },
      as: 'fact_checker',
    });
    expect(stance.statusCode).toBe(201);
    expect(stance.data.actor.id).toBe(first.stances[0].actor.id);

    const after = await call({ method: 'GET', url: `/v1/claims/${first.id}` });
    expect(after.data.version).toBe(start.version + 2);
    expect(after.data.evidence.map((item: any) => item.id)).toEqual([evidence.data.id]);
    expect(after.data.stances.map((item: any) => item.id)).toContain(stance.data.id);

    const removedStance = await call({
      method: 'DELETE',
      url: `/v1/claims/${first.id}/stances/${stance.data.id}`,
      headers: { 'if-match': after.headers.etag as string },
      as: 'editor',
    });
    expect(removedStance.statusCode).toBe(204);
    expect(removedStance.body).toBe('');
    const again = await call({ method: 'DELETE', url: `/v1/claims/${first.id}/stances/${stance.data.id}` });
    expect(again.statusCode).toBe(404);

    const removedEvidence = await call({
      method: 'DELETE',
      url: `/v1/claims/${first.id}/evidence/${evidence.data.id}`,
      as: 'editor',
    });
    expect(removedEvidence.statusCode).toBe(204);
    const final = await call({ method: 'GET', url: `/v1/claims/${first.id}` });
    expect(final.data.evidence).toEqual([]);
    expect(final.data.stances.map((item: any) => item.id)).not.toContain(stance.data.id);
    expect(final.data.version).toBe(start.version + 4);
  });

  it('lists the history oldest first', async () => {
    const response = await call({
      method: 'GET',
      url: `/v1/claims/${first.id}/history?limit=100`,
      as: 'newsroom',
    });
    expect(response.statusCode).toBe(200);
    expect(response.data.nextCursor).toBeNull();
    const entries = response.data.items;
    const types = entries.map((entry: any) => entry.type);
    expect(types).toEqual([
      'claim.created',
      'claim.updated',
      'claim.evidence_added',
      'claim.stance_added',
      'claim.stance_removed',
      'claim.evidence_removed',
    ]);
    const ids = entries.map((entry: any) => Number(entry.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(entries[1].changes).toMatchObject({
      version: 2,
      before: { priority: 'high', dueAt: null },
      after: { priority: 'urgent', dueAt: '2030-01-01T12:00:00.000Z' },
    });
    expect(Object.keys(entries[1].changes.before).sort()).toEqual(['dueAt', 'priority', 'summary', 'tags']);
    expect(new Date(entries[0].at).toISOString()).toBe(entries[0].at);
  });

  it('records its claim.created event with what was created, with or without a source and stances', async () => {
    const bare = await createClaim({
      text: `A claim typed in with nothing attached (${run})`,
      summary: 'Nothing but the text and tags.',
      tags: [run, 'bare', 'bare'],
    });
    expect(bare.tags).toEqual([run, 'bare']);
    const history = async (id: string) =>
      (await call({ method: 'GET', url: `/v1/claims/${id}/history?limit=100` })).data.items;
    const expectedChanges = (claim: any) => ({
      version: claim.version,
      claim: {
        text: claim.text,
        summary: claim.summary,
        language: claim.language,
        tags: claim.tags,
        priority: claim.priority,
        sourceId: claim.source?.id ?? null,
      },
      stances: claim.stances.map((stance: any) => ({
        id: stance.id,
        type: stance.type,
        actor: stance.actor,
      })),
    });
    const [created, ...later] = await history(bare.id);
    expect(later).toEqual([]);
    expect(created.type).toBe('claim.created');
    expect(created.actor).toMatchObject({ kind: 'user' });
    expect(created.changes).toEqual(expectedChanges(bare));
    expect(bare.version).toBe(1);

    const [createdWithParts] = await history(first.id);
    expect(createdWithParts.type).toBe('claim.created');
    expect(createdWithParts.changes).toEqual(expectedChanges({ ...first, version: 1 }));
    expect(createdWithParts.changes.stances).toHaveLength(2);
  });

  it('records evidence status changes as their own event', async () => {
    const claim = await createClaim({ text: `A claim whose evidence status changes (${run})`, tags: [run] });
    await call({ method: 'PATCH', url: `/v1/claims/${claim.id}`, payload: { evidenceStatus: 'debunked' } });
    const history = await call({ method: 'GET', url: `/v1/claims/${claim.id}/history?limit=100` });
    expect(history.data.items.map((entry: any) => entry.type)).toEqual([
      'claim.created',
      'claim.updated',
      'claim.evidence_status_changed',
    ]);
    expect(history.data.items[2].changes).toMatchObject({
      before: { evidenceStatus: 'unverified' },
      after: { evidenceStatus: 'debunked' },
    });
  });

  it('pages the history oldest first with limit=2, stably while events are appended', async () => {
    const claim = await createClaim({ text: `A claim whose history is paged (${run})`, tags: [run] });
    for (let index = 0; index < 4; index++) {
      const patch = { tags: [run, `rev${index}`] };
      const response = await call({ method: 'PATCH', url: `/v1/claims/${claim.id}`, payload: patch });
      expect(response.statusCode).toBe(200);
    }
    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: TestResponse = await call({
        method: 'GET',
        url: `/v1/claims/${claim.id}/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.data.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.data.items);
      cursor = response.data.nextCursor;
      if (pages === 0) {
        // A change made while the client pages is newer than every row it saw: it lands at the end.
        await call({ method: 'PATCH', url: `/v1/claims/${claim.id}`, payload: { tags: [run, 'late'] } });
      }
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    const ids = seen.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map(BigInt)).toEqual([...ids.map(BigInt)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(seen.map((entry) => entry.type)).toEqual(['claim.created', ...Array(5).fill('claim.updated')]);
    expect(seen.at(-1).changes.after).toEqual({ tags: [run, 'late'] });

    const whole = await call({ method: 'GET', url: `/v1/claims/${claim.id}/history?limit=100` });
    expect(whole.data).toEqual({ items: seen, nextCursor: null });
    const defaults = await call({ method: 'GET', url: `/v1/claims/${claim.id}/history` });
    expect(defaults.data).toEqual({ items: seen, nextCursor: null });
  });

  it('refuses forged history cursors and limits out of range with 400 problem+json', async () => {
    const url = `/v1/claims/${first.id}/history`;
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cases: [string, string][] = [
      ['cursor=abc', 'cursor'],
      [`cursor=${forged(['x'])}`, 'cursor'],
      [`cursor=${forged([12])}`, 'cursor'],
      [`cursor=${forged(['12', '13'])}`, 'cursor'],
      [`cursor=${forged(['-1'])}`, 'cursor'],
      [`cursor=${forged(['99999999999999999999'])}`, 'cursor'],
      ['cursor=', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=two', 'limit'],
    ];
    for (const [query, field] of cases) {
      const response = await call({ method: 'GET', url: `${url}?${query}` });
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.data.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    const unknownField = await call({ method: 'GET', url: `${url}?limit=2&sort=desc` });
    expect(unknownField.statusCode).toBe(400);
    const unknownClaim = await call({ method: 'GET', url: `/v1/claims/${randomUUID()}/history?limit=2` });
    expect(unknownClaim.statusCode).toBe(404);
  });

  /** POST /v1/claims as a fact-checker under `key`. */
  const keyedCreate = (key: string, payload: Record<string, unknown>) =>
    call({
      method: 'POST',
      url: '/v1/claims',
      headers: { 'idempotency-key': key },
      payload,
      as: 'fact_checker',
    });

  it('replays a POST with the same Idempotency-Key and refuses a different body under it', async () => {
    const key = `claim-${randomUUID()}`;
    const body = { text: `Idempotent submission of a claim (${run})`, tags: [run, 'idem'] };
    const one = await keyedCreate(key, body);
    const two = await keyedCreate(key, body);
    expect(one.statusCode).toBe(201);
    expect(two.statusCode).toBe(201);
    expect(two.headers['idempotent-replayed']).toBe('true');
    expect(one.headers['idempotent-replayed']).toBeUndefined();
    expect(two.data).toEqual(one.data);
    expect(one.headers.etag).toBe('W/"1"');
    expect(two.headers.etag).toBe(one.headers.etag);
    const listed = await call({ method: 'GET', url: `/v1/claims?tag=idem` });
    expect(listed.data.items.filter((item: any) => item.tags.includes(run))).toHaveLength(1);

    const other = await keyedCreate(key, { ...body, text: `A different claim text entirely (${run})` });
    expect(other.statusCode).toBe(422);
  });

  it('commits a keyed create, with stances or without, in the transaction that stores its response', async () => {
    const bodies = [
      { text: `A keyed claim standing alone (${run})`, tags: [run] },
      {
        text: `A keyed claim with its claimant (${run})`,
        tags: [run],
        stances: [{ actor: { name: `Keyed Claimant ${run}`, kind: 'person' }, type: 'asserted' }],
      },
    ];
    for (const body of bodies) {
      const key = `claim-${randomUUID()}`;
      const created = await keyedCreate(key, body);
      expect(created.statusCode).toBe(201);
      // xmin names the transaction that wrote a row version: one commit holds the claim and the key.
      const [written]: { claim: string; key: string }[] = await api.app.get(DataSource).query(
        `SELECT (SELECT xmin::text FROM claims WHERE id = $1) AS claim,
                (SELECT xmin::text FROM idempotency_keys WHERE key = $2) AS key`,
        [created.data.id, key],
      );
      expect({ stances: created.data.stances.length, ...written }).toEqual({
        stances: body.stances?.length ?? 0,
        claim: written.key,
        key: expect.any(String),
      });
    }
  });

  it('serialises concurrent creations naming the same new actor into one actor', async () => {
    const name = `Zoë Concurrent ${run}`;
    const variants = [name, name.toUpperCase(), name.replace('Zoë', 'zoe'), ` ${name} `];
    const created = await Promise.all(
      variants.map((variant, index) =>
        createClaim({
          text: `Concurrent claim number ${index} made by one person (${run})`,
          tags: [run],
          stances: [{ actor: { name: variant, kind: 'person' }, type: 'asserted' }],
        }),
      ),
    );
    const actorIds = new Set(created.map((claim) => claim.stances[0].actor.id));
    expect(actorIds.size).toBe(1);
  });
});
