import { UsersService } from '@claimdesk/auth';
import {
  createApiKeySession,
  createUserSession,
  startTestApi,
  TestApi,
  TestRequest,
  TestResponse,
  TestSession,
} from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';

/** Notes on a claim: @mentions by handle or e-mail local part, paging, the event, bad input. */
describe('notes', () => {
  let api: TestApi;
  // Handles are at most 32 characters of [a-z0-9_]; a short run id keeps them unique per run.
  const run = Math.random().toString(36).slice(2, 8);
  let author: TestSession;
  let ana: TestSession;
  let bob: TestSession;
  let gone: TestSession;
  let claimId: string;

  beforeAll(async () => {
    api = await startTestApi();
    author = await createUserSession(api, { roles: ['editor'], handle: `ed_${run}` });
    ana = await createUserSession(api, { handle: `ana_${run}`, name: 'Ana Lučić' });
    // Bob's handle differs from his e-mail local part, so he can be mentioned by either.
    bob = await createUserSession(api, { handle: `bobby_${run}`, email: `bob.${run}@desk.example.org` });
    gone = await createUserSession(api, { handle: `gone_${run}` });
    await api.app.get(UsersService).update(gone.user!.id, { active: false });
    const claim = await call({
      method: 'POST',
      url: '/v1/claims',
      payload: { text: `Mercenaries from the Balkans are heading to the front (${run}).`, tags: [`n${run}`] },
      as: 'fact_checker',
    });
    expect(claim.statusCode).toBe(201);
    claimId = claim.data.id;
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

  const post = (body: unknown, session: TestSession = author, id = claimId) =>
    call({
      method: 'POST',
      url: `/v1/claims/${id}/notes`,
      payload: body as object,
      headers: session.headers,
    });

  it('adds a note and resolves mentions by handle and e-mail local part, case-insensitively', async () => {
    const body = [
      `@ANA_${run.toUpperCase()}, could you check the ministry's statement?`,
      `Ask @Bob.${run} too (he wrote to press@ministry.example.org).`,
      `Not @gone_${run}, not @nobody_${run}, not @@ana_${run}, not ana_${run}@desk.example.org,`,
      `and not me (@ed_${run}). Thanks @ana_${run}!`,
    ].join('\n');
    const response = await post({ body: `  ${body}\n` });
    expect(response.statusCode).toBe(201);
    expect(response.data).toEqual({
      id: expect.any(String),
      claimId,
      author: { id: author.user!.id, handle: `ed_${run}`, name: author.user!.name },
      body,
      mentions: [
        { id: ana.user!.id, handle: `ana_${run}`, name: 'Ana Lučić' },
        { id: bob.user!.id, handle: `bobby_${run}`, name: bob.user!.name },
      ],
      createdAt: expect.any(String),
    });
    expect(Date.parse(response.data.createdAt)).not.toBeNaN();

    // Nothing notifies yet; the event carries who was mentioned for the notifications feature.
    const history = await call({
      method: 'GET',
      url: `/v1/claims/${claimId}/history?limit=100`,
      as: 'editor',
    });
    const added = history.data.items.filter((entry: any) => entry.type === 'claim.note_added');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      actor: { kind: 'user', id: author.user!.id },
      changes: { noteId: response.data.id, mentions: [ana.user!.id, bob.user!.id] },
    });
  });

  it('lets fact-checkers write notes, with no mentions when nobody is named', async () => {
    const response = await post({ body: 'Source archived, see evidence #2. Mail desk@example.org.' }, ana);
    expect(response.statusCode).toBe(201);
    expect(response.data).toMatchObject({ author: { id: ana.user!.id }, mentions: [] });
  });

  it('does not mention a local part shared by two users (ambiguous), but a handle still wins', async () => {
    const shared = `twin${run}`;
    const first = await createUserSession(api, {
      email: `${shared}@one.example.org`,
      handle: `twin_a_${run}`,
    });
    await createUserSession(api, { email: `${shared}@two.example.org`, handle: `twin_b_${run}` });
    const ambiguous = await post({ body: `@${shared} which of you?` });
    expect(ambiguous.data.mentions).toEqual([]);
    const byHandle = await post({ body: `@twin_a_${run} you.` });
    expect(byHandle.data.mentions).toEqual([expect.objectContaining({ id: first.user!.id })]);
  });

  it('lists notes oldest first in keyset pages, and counts them on the claim', async () => {
    const { statusCode, data: claim } = await call({
      method: 'GET',
      url: `/v1/claims/${claimId}`,
      as: 'editor',
    });
    expect(statusCode).toBe(200);
    const all = await call({
      method: 'GET',
      url: `/v1/claims/${claimId}/notes?limit=100`,
      as: 'fact_checker',
    });
    expect(all.statusCode).toBe(200);
    expect(all.data.nextCursor).toBeNull();
    expect(all.data.items).toHaveLength(claim.notesCount);
    expect(claim.notesCount).toBe(4);
    const times = all.data.items.map((note: any) => Date.parse(note.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `limit=3&cursor=${cursor}` : 'limit=3';
      const page = await call({ method: 'GET', url: `/v1/claims/${claimId}/notes?${query}`, as: 'editor' });
      expect(page.statusCode).toBe(200);
      expect(page.data.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.items.map((note: any) => note.id));
      cursor = page.data.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(all.data.items.map((note: any) => note.id));
  });

  it('answers 404 for an unknown claim and 400 for a malformed id', async () => {
    const unknown = randomUUID();
    for (const response of [
      await post({ body: 'hello' }, author, unknown),
      await call({ method: 'GET', url: `/v1/claims/${unknown}/notes`, as: 'editor' }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.data.detail).toContain(unknown);
    }
    const malformed = await call({ method: 'GET', url: '/v1/claims/not-a-uuid/notes', as: 'editor' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.data.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
  });

  it.each([
    ['an empty body', { body: '' }, 'body'],
    ['a body of only whitespace', { body: ' \n\t ' }, 'body'],
    ['a body over 10000 characters', { body: 'x'.repeat(10001) }, 'body'],
    ['a body that is not a string', { body: 42 }, 'body'],
    ['no body field', {}, 'body'],
    ['an unknown field', { body: 'fine', pinned: true }, 'pinned'],
  ])('refuses %s with 400', async (_, payload, field) => {
    const response = await post(payload);
    expect(response.statusCode).toBe(400);
    expect(response.data.errors.map((error: any) => error.field)).toContain(field);
  });

  it('accepts a body of exactly 10000 characters', async () => {
    const response = await post({ body: 'y'.repeat(10000) });
    expect(response.statusCode).toBe(201);
  });

  it('refuses bad list parameters with 400', async () => {
    for (const query of [
      'limit=0',
      'limit=101',
      'cursor=bm9wZQ',
      `cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
      `cursor=${Buffer.from(JSON.stringify(['2024-02-31T00:00:00.000000Z', randomUUID()])).toString('base64url')}`,
      'sort=asc',
    ]) {
      const response = await call({
        method: 'GET',
        url: `/v1/claims/${claimId}/notes?${query}`,
        as: 'editor',
      });
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
    }
  });

  it('keeps newsroom keys out: notes are the desk’s own', async () => {
    const newsroom = await createApiKeySession(api);
    expect((await post({ body: 'hello' }, newsroom)).statusCode).toBe(403);
    const list = await call({ method: 'GET', url: `/v1/claims/${claimId}/notes`, headers: newsroom.headers });
    expect(list.statusCode).toBe(403);
  });
});
