import { ACCOUNT_EVENT_TYPES } from '@claimdesk/events';
import { hashApiKey } from '@claimdesk/auth';
import { sessionFor, startTestApi, TestApi, TestResponse } from '@claimdesk/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

interface AuditEvent {
  id: string;
  type: string;
  at: string;
  actor: { kind: string; id: string; name: string | null } | null;
  changes: Record<string, any>;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('audit events for accounts (GET /v1/audit-events)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const list = (query = '', as: 'admin' | 'editor' | 'fact_checker' | 'newsroom' | 'anonymous' = 'admin') =>
    api.request({ method: 'GET', url: `/v1/audit-events${query}`, as });

  /** Every account event, newest first, walking the pages; a later page must never repeat or climb. */
  async function allEvents(type?: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ limit: '100' });
      if (type) params.set('type', type);
      if (cursor) params.set('cursor', cursor);
      const page: TestResponse = await list(`?${params}`);
      expect(page.statusCode).toBe(200);
      events.push(...page.data.items);
      cursor = page.data.nextCursor;
    } while (cursor);
    return events;
  }

  const about = (events: AuditEvent[], id: string) =>
    events.filter((event) => event.changes.userId === id || event.changes.id === id).reverse();

  it('records creating a user, changing its roles and password, issuing and revoking a key; never a secret', async () => {
    const admin = await sessionFor(api, 'admin');
    const password = `first-${randomBytes(12).toString('base64url')}`;
    const newPassword = `second-${randomBytes(12).toString('base64url')}`;
    const tag = randomBytes(4).toString('hex');

    const created = await api.request({
      method: 'POST',
      url: '/v1/users',
      payload: { email: `audited-${tag}@desk.example`, name: 'Audited', password, roles: ['fact_checker'] },
    });
    expect(created.statusCode).toBe(201);
    const userId = created.data.id as string;
    const patch = (payload: Record<string, unknown>) =>
      api.request({ method: 'PATCH', url: `/v1/users/${userId}`, payload });
    expect((await patch({ roles: ['editor', 'fact_checker'] })).statusCode).toBe(200);
    expect((await patch({ password: newPassword })).statusCode).toBe(200);
    // Sending the current values changes nothing, so it records nothing.
    expect((await patch({ name: 'Audited', roles: ['editor', 'fact_checker'] })).statusCode).toBe(200);
    // A refused change rolls back with its event.
    const taken = await patch({ handle: (await sessionFor(api, 'editor')).user!.handle });
    expect(taken.statusCode).toBe(409);

    const issued = await api.request({
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: `Audited newsroom ${tag}`, role: 'newsroom' },
    });
    expect(issued.statusCode).toBe(201);
    const key = issued.data.key as string;
    const keyId = issued.data.id as string;
    expect((await api.request({ method: 'DELETE', url: `/v1/api-keys/${keyId}` })).statusCode).toBe(204);
    // Revoking again is a no-op and records nothing.
    expect((await api.request({ method: 'DELETE', url: `/v1/api-keys/${keyId}` })).statusCode).toBe(204);

    const actor = { kind: 'user', id: admin.principal.id, name: admin.principal.name };
    const events = await allEvents();
    expect(about(events, userId)).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        type: 'user.created',
        at: expect.any(String),
        actor,
        changes: {
          userId,
          email: `audited-${tag}@desk.example`,
          name: 'Audited',
          handle: created.data.handle,
          roles: ['fact_checker'],
          expertise: [],
          active: true,
        },
      },
      expect.objectContaining({
        type: 'user.updated',
        actor,
        changes: {
          userId,
          email: `audited-${tag}@desk.example`,
          version: 2,
          changed: ['roles'],
          before: { roles: ['fact_checker'] },
          after: { roles: ['editor', 'fact_checker'] },
        },
      }),
      expect.objectContaining({
        type: 'user.updated',
        actor,
        changes: {
          userId,
          email: `audited-${tag}@desk.example`,
          version: 3,
          changed: ['password'],
          before: {},
          after: {},
          passwordChanged: true,
        },
      }),
    ]);
    expect(about(events, keyId)).toEqual([
      expect.objectContaining({
        type: 'api_key.issued',
        actor,
        changes: { id: keyId, name: `Audited newsroom ${tag}`, prefix: issued.data.prefix, role: 'newsroom' },
      }),
      expect.objectContaining({
        type: 'api_key.revoked',
        actor,
        changes: { id: keyId, name: `Audited newsroom ${tag}`, prefix: issued.data.prefix, role: 'newsroom' },
      }),
    ]);
    for (const event of events) expect(new Date(event.at).toISOString()).toBe(event.at);

    // No secret in what the API shows, nor in what the events table stores.
    const [{ stored }] = await api.app
      .get(DataSource)
      .query(`SELECT coalesce(json_agg(e), '[]')::text AS stored FROM events e WHERE claim_id IS NULL`);
    for (const text of [JSON.stringify(events), stored as string]) {
      expect(text).toContain(userId);
      for (const secret of [password, newPassword, key, hashApiKey(key), key.slice(3)]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/\$argon2|password_?hash|key_?hash/i);
    }
  });

  it('records the actor as null when a user is created outside a request', async () => {
    const editor = await sessionFor(api, 'editor');
    const [event] = about(await allEvents('user.created'), editor.user!.id);
    expect(event).toMatchObject({ type: 'user.created', actor: null, changes: { userId: editor.user!.id } });
  });

  it('filters by type and pages newest first by id without repeats', async () => {
    for (let i = 0; i < 3; i += 1) {
      await api.request({
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: `Paged ${i}`, role: 'newsroom' },
      });
    }
    const first = await list('?type=api_key.issued&limit=2');
    expect(first.statusCode).toBe(200);
    expect(first.data.items).toHaveLength(2);
    expect(first.data.nextCursor).toEqual(expect.any(String));
    const second = await list(`?type=api_key.issued&limit=2&cursor=${first.data.nextCursor}`);
    expect(second.statusCode).toBe(200);
    const ids = [...first.data.items, ...second.data.items].map((event: AuditEvent) => BigInt(event.id));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < ids.length; i += 1) expect(ids[i] < ids[i - 1]).toBe(true);
    for (const event of [...first.data.items, ...second.data.items])
      expect(event.type).toBe('api_key.issued');

    const everything = await allEvents();
    expect(everything.length).toBeGreaterThan(0);
    expect(new Set(everything.map((event) => event.type)).size).toBeGreaterThan(1);
    for (const event of everything) expect(ACCOUNT_EVENT_TYPES).toContain(event.type);
    expect(new Set(everything.map((event) => event.id)).size).toBe(everything.length);
  });

  it('lists only account events, not claim events', async () => {
    const claim = await api.request({
      method: 'POST',
      url: '/v1/claims',
      payload: { text: `An audited claim ${randomUUID()}` },
      as: 'editor',
    });
    expect(claim.statusCode).toBe(201);
    const events = await allEvents();
    expect(events.some((event) => JSON.stringify(event).includes(claim.data.id))).toBe(false);
  });

  it('is for admins only', async () => {
    expect((await list()).statusCode).toBe(200);
    for (const as of ['editor', 'fact_checker', 'newsroom'] as const) {
      const refused = await list('', as);
      expect({ as, status: refused.statusCode }).toEqual({ as, status: 403 });
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await list('', 'anonymous')).statusCode).toBe(401);
  });

  it('answers a bad type, limit or cursor with 400 and the field', async () => {
    const cases: [string, string][] = [
      ['?type=claim.created', 'type'],
      ['?type=user.deleted', 'type'],
      ['?type=', 'type'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=ten', 'limit'],
      ['?cursor=not%20a%20cursor', 'cursor'],
      [`?cursor=${encode(['abc'])}`, 'cursor'],
      [`?cursor=${encode(['1', '2'])}`, 'cursor'],
      [`?cursor=${encode(['99999999999999999999'])}`, 'cursor'],
      [`?cursor=${encode([-1])}`, 'cursor'],
      ['?claimId=x', 'claimId'],
    ];
    for (const [query, field] of cases) {
      const response = await list(query);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.data.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });
});
