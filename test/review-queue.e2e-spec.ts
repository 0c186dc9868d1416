import { ensureDatabase, runMigrations } from '@claimdesk/platform';
import {
  createApiKeySession,
  createUserSession,
  startTestApi,
  TestApi,
  TestRequest,
  TestResponse,
  TestSession,
} from '@claimdesk/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The review queue: `next` under concurrency and by expertise, the queue order across keyset
 * pages, the scopes, the stats, bad input.
 *
 * The queue is global by nature (`next` takes any triaged claim, stats count every claim), so this
 * suite runs against a database of its own: other suites triaging claims in parallel would
 * otherwise take part in, and break, exact counts such as "10 × 200 and 10 × 204". Its tests build
 * on each other's state, in order.
 */
describe('review queue', () => {
  let api: TestApi;
  let db: DataSource;
  let databaseUrl: string;
  let editor: TestSession;
  const run = Math.random().toString(36).slice(2, 8);
  const tag = `q-${run}`;
  const day = 24 * 3600 * 1000;
  const inDays = (days: number) => new Date(Date.now() + days * day).toISOString();
  const OPEN = ['triaged', 'assigned', 'in_review', 'in_approval'];

  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `${url.pathname}_queue`;
    databaseUrl = url.toString();
    await ensureDatabase(databaseUrl);
    await runMigrations(databaseUrl);
    api = await startTestApi({ DATABASE_URL: databaseUrl });
    db = api.app.get(DataSource);
    editor = await createUserSession(api, { roles: ['editor'] });
  });

  afterAll(async () => {
    await api?.close();
    if (process.env.KEEP_TEST_DB) return;
    const admin = new URL(databaseUrl);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });

  async function call(request: TestRequest): Promise<TestResponse> {
    const response = await api.request(request);
    expect(response.statusCode).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    return response;
  }

  let counter = 0;
  async function createClaim(tags: string[] = []): Promise<string> {
    counter++;
    const response = await call({
      method: 'POST',
      url: '/v1/claims',
      payload: {
        text: `Queue claim number ${counter} of run ${run}, about mercenaries.`,
        tags: [tag, ...tags],
      },
      headers: editor.headers,
    });
    expect(response.statusCode).toBe(201);
    return response.data.id;
  }

  async function triage(id: string, body: { priority?: string; dueAt?: string | null } = {}): Promise<void> {
    const response = await call({
      method: 'POST',
      url: `/v1/claims/${id}/triage`,
      payload: body,
      headers: editor.headers,
    });
    expect(response.statusCode).toBe(200);
  }

  async function triaged(body: { priority?: string; dueAt?: string | null } = {}, tags: string[] = []) {
    const id = await createClaim(tags);
    await triage(id, body);
    return id;
  }

  const next = (session: TestSession, headers: Record<string, string> = {}) =>
    call({ method: 'POST', url: '/v1/review-queue/next', headers: { ...session.headers, ...headers } });

  /** Every id of a scope, following `nextCursor` with pages of `limit`. */
  async function readQueue(session: TestSession, scope: string, limit = 100): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `scope=${scope}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call({ method: 'GET', url: `/v1/review-queue?${query}`, headers: session.headers });
      expect(page.statusCode).toBe(200);
      expect(page.data.items.length).toBeLessThanOrEqual(limit);
      if (page.data.nextCursor) expect(page.data.items).toHaveLength(limit);
      items.push(...page.data.items);
      cursor = page.data.nextCursor;
      expect(++pages).toBeLessThan(200);
    } while (cursor);
    return items;
  }
  const idsOf = (items: any[]) => items.map((item) => item.id);

  /** The queue order computed by PostgreSQL independently of the service's keyset queries. */
  async function expectedOrder(where: string, params: unknown[] = []): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM claims WHERE ${where} ORDER BY priority_rank, due_at NULLS LAST, created_at, id`,
      params,
    );
    return rows.map((row) => row.id);
  }

  const checkers: TestSession[] = [];
  const taken = new Map<string, string>(); // claim id → assignee id

  it('hands 10 triaged claims to 20 concurrent `next` calls exactly once each', async () => {
    expect(await readQueue(editor, 'unassigned')).toEqual([]);
    const created: string[] = [];
    for (let i = 0; i < 10; i++) created.push(await triaged());
    for (let i = 0; i < 5; i++) checkers.push(await createUserSession(api));

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        next(checkers[i % checkers.length]).then((response) => ({ i, response })),
      ),
    );
    const ok = responses.filter(({ response }) => response.statusCode === 200);
    const none = responses.filter(({ response }) => response.statusCode === 204);
    expect({ ok: ok.length, none: none.length }).toEqual({ ok: 10, none: 10 });
    for (const { response } of none) expect(response.body).toBe('');
    const ids = ok.map(({ response }) => response.data.id);
    expect(new Set(ids).size).toBe(10);
    expect([...ids].sort()).toEqual([...created].sort());
    for (const { i, response } of ok) {
      const caller = checkers[i % checkers.length].user!.id;
      expect(response.data).toMatchObject({ status: 'assigned', assigneeId: caller });
      expect(response.data.allowedActions).toContain('start');
      expect(response.headers.etag).toBe(`W/"${response.data.version}"`);
      taken.set(response.data.id, caller);
    }

    const assignments: any[] = await db.query(
      `SELECT claim_id, id, assignee_id, assigned_by_kind, assigned_by_id, ended_at FROM assignments
        WHERE claim_id = ANY($1::uuid[])`,
      [created],
    );
    expect(assignments).toHaveLength(10);
    for (const row of assignments) {
      expect(row.ended_at).toBeNull();
      expect(row.assignee_id).toBe(taken.get(row.claim_id));
      expect(row).toMatchObject({ assigned_by_kind: 'user', assigned_by_id: row.assignee_id });
    }
    const events: any[] = await db.query(
      `SELECT claim_id, actor_id, payload FROM events WHERE type = 'claim.assigned' AND claim_id = ANY($1::uuid[])`,
      [created],
    );
    expect(events).toHaveLength(10);
    for (const event of events) {
      const assignment = assignments.find((row) => row.claim_id === event.claim_id);
      expect(event.actor_id).toBe(assignment.assignee_id);
      expect(event.payload).toMatchObject({
        assignmentId: assignment.id,
        assigneeId: assignment.assignee_id,
        previousAssigneeId: null,
        dueAt: null,
        auto: false,
      });
    }
  });

  it('prefers claims tagged with the caller’s expertise, even younger and less urgent ones', async () => {
    const urgent = await triaged({ priority: 'urgent' }, ['europe']);
    const balkans = await triaged({ priority: 'normal' }, ['balkans']);
    const expert = await createUserSession(api, { expertise: ['balkans', 'moldova'] });
    const generalist = await createUserSession(api);

    const first = await next(expert);
    expect(first.statusCode).toBe(200);
    expect(first.data.id).toBe(balkans);
    const second = await next(generalist);
    expect(second.data.id).toBe(urgent);

    // With nothing in their field left, an expert still gets the head of the queue.
    const other = await triaged({}, ['economy']);
    expect((await next(expert)).data.id).toBe(other);
    expect((await next(expert)).statusCode).toBe(204);
  });

  it('orders the queue by priority, due date (none last), age and id, across keyset pages', async () => {
    const [d1, d2, d3] = [inDays(2), inDays(4), inDays(6)];
    const c1 = await triaged({ priority: 'normal' });
    const c2 = await triaged({ priority: 'urgent', dueAt: d2 });
    const c3 = await triaged({ priority: 'low' });
    const c4 = await triaged({ priority: 'urgent' });
    const c5 = await triaged({ priority: 'high', dueAt: d1 });
    const c6 = await triaged({ priority: 'urgent', dueAt: d1 });
    const c7 = await triaged({ priority: 'normal', dueAt: d1 });
    const c8 = await triaged({ priority: 'normal' });
    const c9 = await triaged({ priority: 'urgent', dueAt: d1 });
    const c10 = await triaged({ priority: 'normal', dueAt: d3 });
    const expected = [c6, c9, c2, c4, c5, c7, c10, c1, c8, c3];
    expect(await expectedOrder(`status = 'triaged' AND assignee_id IS NULL`)).toEqual(expected);

    for (const limit of [1, 2, 3, 4, 100]) {
      expect({ limit, ids: idsOf(await readQueue(editor, 'unassigned', limit)) }).toEqual({
        limit,
        ids: expected,
      });
    }
    const [first] = await readQueue(checkers[0], 'unassigned', 1);
    expect(first).toEqual({
      id: c6,
      text: expect.stringContaining(run),
      status: 'triaged',
      priority: 'urgent',
      dueAt: d1,
      tags: [tag],
      assigneeId: null,
      evidenceStatus: 'unverified',
      createdAt: expect.any(String),
      overdue: false,
      version: expect.any(Number),
    });

    // Keyset pages are stable under inserts: a claim that sorts before the cursor is not shown
    // on later pages, and nothing is repeated or skipped.
    const page1 = await call({
      method: 'GET',
      url: '/v1/review-queue?scope=unassigned&limit=3',
      headers: editor.headers,
    });
    const jumper = await triaged({ priority: 'urgent', dueAt: inDays(1) });
    const rest = [];
    let cursor = page1.data.nextCursor;
    while (cursor) {
      const page = await call({
        method: 'GET',
        url: `/v1/review-queue?scope=unassigned&limit=3&cursor=${cursor}`,
        headers: editor.headers,
      });
      rest.push(...idsOf(page.data.items));
      cursor = page.data.nextCursor;
    }
    expect([...idsOf(page1.data.items), ...rest]).toEqual(expected);
    expect(idsOf(await readQueue(editor, 'unassigned'))[0]).toBe(jumper);
    const dismissed = await call({
      method: 'POST',
      url: `/v1/claims/${jumper}/dismiss`,
      payload: { reason: 'Duplicate of an earlier claim.' },
      headers: editor.headers,
    });
    expect(dismissed.statusCode).toBe(200);
    expect(idsOf(await readQueue(editor, 'unassigned'))).toEqual(expected);
  });

  it('serves the scopes mine, unassigned, overdue and all', async () => {
    // Who got what from the concurrent `next` calls is up to the race, so the state this test
    // needs is made with the assign action: checker 0 gets three claims and works on two of them
    // (so `mine` spans assigned, in review and in approval), checker 1 gets one that is past due.
    const worker = checkers[0];
    const pool = idsOf(await readQueue(editor, 'unassigned'));
    const assign = async (id: string, assignee: TestSession) => {
      const response = await call({
        method: 'POST',
        url: `/v1/claims/${id}/assign`,
        payload: { assigneeId: assignee.user!.id },
        headers: editor.headers,
      });
      expect(response.statusCode).toBe(200);
    };
    const [, started, submitted, lateAssigned] = pool;
    for (const id of pool.slice(0, 3)) await assign(id, worker);
    await assign(lateAssigned, checkers[1]);
    for (const id of [started, submitted]) {
      const response = await call({ method: 'POST', url: `/v1/claims/${id}/start`, headers: worker.headers });
      expect(response.statusCode).toBe(200);
    }
    const review = await call({
      method: 'POST',
      url: `/v1/claims/${submitted}/submit`,
      payload: { verdict: 'false', summary: 'No evidence of recruitment.', evidenceStatus: 'debunked' },
      headers: worker.headers,
    });
    expect(review.statusCode).toBe(200);
    // Overdue: checker 1's claim (urgent) and an unassigned one (low), both past due.
    const lateUnassigned = await triaged({ priority: 'low', dueAt: inDays(-1) });
    const patched = await call({
      method: 'PATCH',
      url: `/v1/claims/${lateAssigned}`,
      payload: { dueAt: inDays(-2) },
      headers: editor.headers,
    });
    expect(patched.statusCode).toBe(200);
    // Neither a submitted (untriaged) claim nor a dismissed one is queue work.
    const untriaged = await createClaim();

    for (const checker of checkers) {
      const mine = await readQueue(checker, 'mine', 2);
      expect(idsOf(mine)).toEqual(
        await expectedOrder(`assignee_id = $1 AND status = ANY($2)`, [checker.user!.id, OPEN]),
      );
      for (const item of mine) expect(item.assigneeId).toBe(checker.user!.id);
    }
    const statuses = (await readQueue(worker, 'mine')).map((item) => item.status);
    expect(statuses).toEqual(expect.arrayContaining(['assigned', 'in_review', 'in_approval']));
    // `mine` is the default scope.
    const byDefault = await call({ method: 'GET', url: '/v1/review-queue', headers: worker.headers });
    expect(idsOf(byDefault.data.items)).toEqual(idsOf(await readQueue(worker, 'mine')));

    const overdue = await readQueue(editor, 'overdue', 1);
    expect(idsOf(overdue)).toEqual([lateAssigned, lateUnassigned]); // urgent before low
    for (const item of overdue) expect(item.overdue).toBe(true);

    const all = await readQueue(editor, 'all', 4);
    expect(idsOf(all)).toEqual(await expectedOrder(`status = ANY($1)`, [OPEN]));
    expect(idsOf(all)).not.toContain(untriaged);
    expect(
      all
        .filter((item) => item.overdue)
        .map((item) => item.id)
        .sort(),
    ).toEqual([lateAssigned, lateUnassigned].sort());
    const unassigned = await readQueue(editor, 'unassigned', 5);
    expect(idsOf(unassigned)).toEqual(await expectedOrder(`status = 'triaged' AND assignee_id IS NULL`));
    expect(idsOf(unassigned)).toContain(lateUnassigned);
    for (const item of unassigned) expect(item).toMatchObject({ status: 'triaged', assigneeId: null });
  });

  it('counts claims per status, overdue, unassigned and open work per assignee', async () => {
    const response = await call({ method: 'GET', url: '/v1/review-queue/stats', headers: editor.headers });
    expect(response.statusCode).toBe(200);
    const stats = response.data;

    // The same numbers, computed here from the rows rather than by the service's SQL.
    const claims: any[] = await db.query(`SELECT id, status, assignee_id, due_at FROM claims`);
    const users: any[] = await db.query(`SELECT id, name, handle FROM users`);
    const now = Date.parse(stats.generatedAt);
    const late = (claim: any) => claim.due_at !== null && claim.due_at.getTime() < now;
    const byStatus: Record<string, number> = {
      submitted: 0,
      triaged: 0,
      assigned: 0,
      in_review: 0,
      in_approval: 0,
      published: 0,
      dismissed: 0,
    };
    for (const claim of claims) byStatus[claim.status]++;
    const working = claims.filter((claim) => ['assigned', 'in_review', 'in_approval'].includes(claim.status));
    const assignees = [...new Set(working.map((claim) => claim.assignee_id))].map((id) => {
      const user = users.find((candidate) => candidate.id === id);
      const theirs = working.filter((claim) => claim.assignee_id === id);
      return {
        assigneeId: id,
        name: user.name,
        handle: user.handle,
        assigned: theirs.filter((claim) => claim.status === 'assigned').length,
        inReview: theirs.filter((claim) => claim.status === 'in_review').length,
        inApproval: theirs.filter((claim) => claim.status === 'in_approval').length,
        overdue: theirs.filter(late).length,
      };
    });
    assignees.sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.assigneeId < b.assigneeId ? -1 : 1,
    );
    expect(stats).toEqual({
      byStatus,
      overdue: claims.filter((claim) => OPEN.includes(claim.status) && late(claim)).length,
      unassigned: claims.filter((claim) => claim.status === 'triaged' && claim.assignee_id === null).length,
      assignees,
      generatedAt: expect.any(String),
    });
    // And what the earlier tests did, in absolute numbers.
    expect(byStatus).toMatchObject({ submitted: 1, dismissed: 1, in_review: 1, in_approval: 1 });
    expect(stats.overdue).toBe(2);
    expect(stats.unassigned).toBe(7);
    expect(stats.assignees.find((row: any) => row.assigneeId === checkers[0].user!.id)).toMatchObject({
      inReview: 1,
      inApproval: 1,
    });
    expect(stats.assignees.find((row: any) => row.assigneeId === checkers[1].user!.id).overdue).toBe(1);

    const asChecker = await call({
      method: 'GET',
      url: '/v1/review-queue/stats',
      headers: checkers[0].headers,
    });
    expect(asChecker.statusCode).toBe(200);
  });

  it('replays `next` for a repeated Idempotency-Key instead of taking a second claim', async () => {
    const first = await triaged({ priority: 'urgent', dueAt: inDays(1) });
    const checker = checkers[2];
    const key = { 'idempotency-key': `next-${run}` };
    const a = await next(checker, key);
    const b = await next(checker, key);
    expect(a.statusCode).toBe(200);
    expect(a.data.id).toBe(first);
    expect(a.data.dueAt).toBe(
      (await db.query(`SELECT due_at FROM claims WHERE id = $1`, [first]))[0].due_at.toISOString(),
    );
    expect(b.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.data.id).toBe(first);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM assignments WHERE claim_id = $1`, [
      first,
    ]);
    expect(count).toBe(1);
    const [event] = await db.query(
      `SELECT payload FROM events WHERE type = 'claim.assigned' AND claim_id = $1`,
      [first],
    );
    expect(event.payload).toMatchObject({ assigneeId: checker.user!.id, dueAt: a.data.dueAt, auto: false });
  });

  it('refuses bad queue parameters with 400', async () => {
    const page = await call({
      method: 'GET',
      url: '/v1/review-queue?scope=all&limit=1',
      headers: editor.headers,
    });
    const allCursor = page.data.nextCursor;
    expect(allCursor).toEqual(expect.any(String));
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cases: [string, string][] = [
      ['scope=bogus', 'scope'],
      ['scope=', 'scope'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=!!!', 'cursor'],
      ['cursor=bm90IGpzb24', 'cursor'],
      [`scope=all&cursor=${encode(['all', 0, null, '2024-01-01T00:00:00.000000Z'])}`, 'cursor'],
      [
        `scope=all&cursor=${encode(['all', 9, null, '2024-01-01T00:00:00.000000Z', '00000000-0000-4000-8000-000000000000'])}`,
        'cursor',
      ],
      [
        `scope=all&cursor=${encode(['all', 0, 'yesterday', '2024-01-01T00:00:00.000000Z', '00000000-0000-4000-8000-000000000000'])}`,
        'cursor',
      ],
      [
        `scope=all&cursor=${encode(['all', 0, null, '2024-13-45T00:00:00.000000Z', '00000000-0000-4000-8000-000000000000'])}`,
        'cursor',
      ],
      [`scope=all&cursor=${encode(['all', 0, null, '2024-01-01T00:00:00.000000Z', 'not-a-uuid'])}`, 'cursor'],
      [
        `scope=all&cursor=${encode(['all', 0, '2024-02-31T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z', '00000000-0000-4000-8000-000000000000'])}`,
        'cursor',
      ],
      // A cursor from one scope is not a position in another.
      [`scope=unassigned&cursor=${allCursor}`, 'cursor'],
      ['sort=priority', 'sort'],
    ];
    for (const [query, field] of cases) {
      const response = await call({
        method: 'GET',
        url: `/v1/review-queue?${query}`,
        headers: editor.headers,
      });
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.data.errors.map((error: any) => error.field)).toContain(field);
    } // The same shape with sound values is accepted, so the cases above fail for their own reason.
    const sound = encode([
      'all',
      0,
      null,
      '2024-01-01T00:00:00.000000Z',
      '00000000-0000-4000-8000-000000000000',
    ]);
    const accepted = await call({
      method: 'GET',
      url: `/v1/review-queue?scope=all&cursor=${sound}`,
      headers: editor.headers,
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('keeps newsroom keys and anonymous callers out', async () => {
    const newsroom = await createApiKeySession(api);
    for (const [method, url] of [
      ['GET', '/v1/review-queue'],
      ['GET', '/v1/review-queue/stats'],
      ['POST', '/v1/review-queue/next'],
    ] as const) {
      expect((await call({ method, url, headers: newsroom.headers })).statusCode).toBe(403);
      expect((await call({ method, url, as: 'anonymous' })).statusCode).toBe(401);
    }
  });
});
