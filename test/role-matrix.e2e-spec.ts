import { JwtService } from '@nestjs/jwt';
import { ApiKeysService, UsersService } from '@claimdesk/auth';
import { Role, ROLES } from '@claimdesk/platform';
import {
  createApiKeySession,
  createUserSession,
  sessionFor,
  startTestApi,
  TestApi,
  TestResponse,
} from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';
import { listRoutes, RouteAccess } from '../apps/api/src/auth/route-access';

/**
 * Who may call each route, as API.md's role table says. `admin` may always and is not listed.
 * 'signed-in' = any user or newsroom key. Every route the API serves must be here: a new route
 * without an entry fails this suite until someone decides who may call it.
 */
type Access = 'public' | 'signed-in' | Exclude<Role, 'admin'>[];
const ADMIN_ONLY: Access = [];
const STAFF: Access = ['editor', 'fact_checker'];
const READERS: Access = ['editor', 'fact_checker', 'newsroom'];
const EDITORS: Access = ['editor'];
const NEWSROOM: Access = ['newsroom'];

const EXPECTED: Record<string, Access> = {
  // operations
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public',
  // auth and users
  'POST /v1/auth/login': 'public',
  // authenticated by the refresh token they carry (body or cookie), not by a role
  'POST /v1/auth/refresh': 'public',
  'POST /v1/auth/logout': 'public',
  'GET /v1/me': 'signed-in',
  'POST /v1/users': ADMIN_ONLY,
  'GET /v1/users': EDITORS,
  'GET /v1/users/{id}': EDITORS,
  'PATCH /v1/users/{id}': ADMIN_ONLY,
  'POST /v1/api-keys': ADMIN_ONLY,
  'GET /v1/api-keys': ADMIN_ONLY,
  'DELETE /v1/api-keys/{id}': ADMIN_ONLY,
  'GET /v1/audit-events': ADMIN_ONLY,
  // actors
  'POST /v1/actors': STAFF,
  'GET /v1/actors': READERS,
  'GET /v1/actors/{id}': READERS,
  // claims, stances, evidence, notes
  'POST /v1/claims': STAFF,
  'GET /v1/claims': READERS,
  'GET /v1/claims/similar': READERS,
  'GET /v1/claims/{id}': READERS,
  'PATCH /v1/claims/{id}': STAFF,
  'GET /v1/claims/{id}/history': READERS,
  'GET /v1/claims/{id}/published-versions': READERS,
  'POST /v1/claims/{id}/stances': STAFF,
  'DELETE /v1/claims/{id}/stances/{stanceId}': STAFF,
  'POST /v1/claims/{id}/evidence': STAFF,
  'DELETE /v1/claims/{id}/evidence/{evidenceId}': STAFF,
  'POST /v1/claims/{id}/notes': STAFF,
  'GET /v1/claims/{id}/notes': STAFF,
  // review workflow (the assignee rules are the service's: 403/409 there, not the guard's)
  'POST /v1/claims/{id}/triage': EDITORS,
  'POST /v1/claims/{id}/dismiss': EDITORS,
  'POST /v1/claims/{id}/assign': EDITORS,
  'POST /v1/claims/{id}/start': STAFF,
  'POST /v1/claims/{id}/submit': STAFF,
  'POST /v1/claims/{id}/send-back': EDITORS,
  'POST /v1/claims/{id}/publish': EDITORS,
  'POST /v1/claims/{id}/reopen': EDITORS,
  'GET /v1/review-queue': STAFF,
  'POST /v1/review-queue/next': STAFF,
  'GET /v1/review-queue/stats': STAFF,
  // notifications (people, not newsrooms)
  'GET /v1/notifications': STAFF,
  'POST /v1/notifications/{id}/read': STAFF,
  'POST /v1/notifications/read-all': STAFF,
  'GET /v1/notifications/stream': STAFF,
  'POST /v1/notifications/stream-token': STAFF,
  'PUT /v1/me/notification-preferences': STAFF,
  // webhooks (a newsroom manages its own; admin all)
  'POST /v1/webhooks': NEWSROOM,
  'GET /v1/webhooks': NEWSROOM,
  'GET /v1/webhooks/{id}': NEWSROOM,
  'PATCH /v1/webhooks/{id}': NEWSROOM,
  'DELETE /v1/webhooks/{id}': NEWSROOM,
  'POST /v1/webhooks/{id}/rotate-secret': NEWSROOM,
  'POST /v1/webhooks/{id}/test': NEWSROOM,
  'GET /v1/webhooks/{id}/deliveries': NEWSROOM,
  'POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry': NEWSROOM,
  // sources and ingestion
  'POST /v1/sources/ingest': STAFF,
  'GET /v1/sources/{id}': STAFF,
  'POST /v1/sources/{id}/candidates/{candidateId}/accept': STAFF,
  'POST /v1/sources/{id}/candidates/{candidateId}/reject': STAFF,
  // published fact-checks
  'GET /v1/claims/{id}/claim-review': 'public',
  'GET /v1/claim-reviews': 'public',
  'GET /fact-checks': 'public',
  'GET /fact-checks/{id}': 'public',
};

/** Routes whose answer never ends (Server-Sent Events): only refusals can be checked by injection. */
const isStream = (route: RouteAccess, docs: any) =>
  route.path.endsWith('/stream') ||
  Object.values(docs.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {}).some(
    (response: any) => response?.content?.['text/event-stream'],
  );

const key = (route: Pick<RouteAccess, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** What the decorators declare, in the table's terms. */
function declared(route: RouteAccess): Access {
  if (route.public) return 'public';
  if (!route.roles) return 'signed-in';
  return [...new Set(route.roles.filter((role): role is Exclude<Role, 'admin'> => role !== 'admin'))].sort();
}
const normalise = (access: Access): Access => (Array.isArray(access) ? [...access].sort() : access);

type Caller = { name: string; headers: Record<string, string>; roles: Role[] | null };

describe('role matrix: every served route × every kind of caller', () => {
  let api: TestApi;
  let routes: RouteAccess[];
  let docs: any;
  const callers: Caller[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    routes = listRoutes(api.app);
    docs = (await api.request({ method: 'GET', url: '/docs-json', as: 'anonymous' })).data;

    for (const role of ['admin', 'editor', 'fact_checker', 'newsroom'] as const) {
      callers.push({ name: role, headers: (await sessionFor(api, role)).headers, roles: [role] });
    }
    const revoked = await createApiKeySession(api, 'Revoked newsroom');
    await api.app.get(ApiKeysService).revoke(revoked.apiKey!.id);
    const disabled = await createUserSession(api, { roles: ['admin'] });
    await api.app.get(UsersService).update(disabled.user!.id, { active: false });
    const now = Math.floor(Date.now() / 1000);
    const admin = await sessionFor(api, 'admin');
    const expired = await api.app
      .get(JwtService)
      .signAsync({ sub: admin.principal.id, typ: 'access', iat: now - 3600, exp: now - 60 });
    callers.push(
      { name: 'no token', headers: {}, roles: null },
      { name: 'malformed token', headers: { authorization: 'Bearer not.a.jwt' }, roles: null },
      { name: 'not a bearer scheme', headers: { authorization: `Token ${randomUUID()}` }, roles: null },
      { name: 'expired token', headers: { authorization: `Bearer ${expired}` }, roles: null },
      { name: 'revoked key', headers: revoked.headers, roles: null },
      { name: 'disabled user', headers: disabled.headers, roles: null },
    );
  });
  afterAll(() => api.close());

  it('finds the routes (sanity: the scan sees the auth and health controllers)', () => {
    const keys = routes.map(key);
    expect(keys).toEqual(expect.arrayContaining(['GET /health/live', 'POST /v1/auth/login', 'GET /v1/me']));
  });

  it('has an expectation for every route the API serves', () => {
    const missing = routes.map(key).filter((route) => !(route in EXPECTED));
    expect({ missingFromTable: missing }).toEqual({ missingFromTable: [] });
  });

  it('documents every Nest route in /docs-json, and serves every documented operation', () => {
    const documented = Object.entries(docs.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) =>
        Object.keys(item)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = routes.map(key);
    expect({ undocumented: served.filter((route) => !documented.includes(route)) }).toEqual({
      undocumented: [],
    });
    expect({ documentedButNotServed: documented.filter((route) => !served.includes(route)) }).toEqual({
      documentedButNotServed: [],
    });
  });

  it('takes Idempotency-Key on every POST that does not opt out (@NoIdempotency), and on nothing else', () => {
    const posts = routes.filter((route) => route.method === 'POST');
    expect(posts.length).toBeGreaterThan(10);
    const wrong = routes
      .filter((route) =>
        route.method === 'POST'
          ? route.idempotent === route.noIdempotency
          : route.idempotent || route.noIdempotency,
      )
      .map((route) => ({
        route: key(route),
        idempotent: route.idempotent,
        noIdempotency: route.noIdempotency,
      }));
    expect(wrong).toEqual([]);
    expect(posts.filter((route) => route.idempotent).map(key)).toEqual(
      expect.arrayContaining([
        'POST /v1/claims',
        'POST /v1/claims/{id}/stances',
        'POST /v1/webhooks/{id}/test',
      ]),
    );
    expect(posts.filter((route) => route.noIdempotency).map(key)).toEqual(
      expect.arrayContaining(['POST /v1/auth/login', 'POST /v1/webhooks']),
    );
  });

  it('declares on each route (@Public/@Roles) what the table expects', () => {
    const mismatches = routes
      .filter((route) => key(route) in EXPECTED)
      .filter((route) => JSON.stringify(declared(route)) !== JSON.stringify(normalise(EXPECTED[key(route)])))
      .map((route) => ({
        route: key(route),
        expected: normalise(EXPECTED[key(route)]),
        declared: declared(route),
        at: `${route.controller}.${route.handler}`,
      }));
    expect(mismatches).toEqual([]);
  });

  it('marks every non-public operation with the bearer scheme and its roles in /docs-json', () => {
    const problems: string[] = [];
    for (const route of routes) {
      const operation = docs.paths[route.path]?.[route.method.toLowerCase()];
      if (!operation) continue;
      if (route.public) {
        if (operation.security?.length) problems.push(`${key(route)} is public but requires security`);
        continue;
      }
      if (JSON.stringify(operation.security) !== JSON.stringify([{ bearer: [] }])) {
        problems.push(`${key(route)} lacks security: [{bearer: []}]`);
      }
      const roles = route.roles ? [...new Set(['admin', ...route.roles])] : [...ROLES];
      if (JSON.stringify(operation['x-roles']) !== JSON.stringify(roles))
        problems.push(`${key(route)} x-roles`);
      if (!/Roles: /.test(operation.description ?? ''))
        problems.push(`${key(route)} description lacks roles`);
      if (!operation.responses?.['401'] || !operation.responses?.['403'])
        problems.push(`${key(route)} 401/403`);
    }
    expect(docs.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(problems).toEqual([]);
  });

  it('serves the Swagger UI and document (raw Fastify routes) without credentials', async () => {
    for (const url of ['/docs-json', '/docs']) {
      const response = await api.request({ method: 'GET', url, as: 'anonymous' });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
    }
  });

  const callerNames = [
    'admin',
    'editor',
    'fact_checker',
    'newsroom',
    'no token',
    'malformed token',
    'not a bearer scheme',
    'expired token',
    'revoked key',
    'disabled user',
  ];

  it.each(callerNames)('answers %s on every route as the table says', async (name) => {
    const caller = callers.find((candidate) => candidate.name === name)!;
    const wrong: string[] = [];
    for (const route of routes) {
      const access = EXPECTED[key(route)];
      if (!access) continue; // reported by the table test above
      const allowed =
        access === 'public' ||
        (caller.roles !== null &&
          (access === 'signed-in' ||
            caller.roles.some((role) => role === 'admin' || (access as Role[]).includes(role))));
      if (allowed && isStream(route, docs)) continue;
      const url = route.path.replace(/\{[^}]+\}/g, () => randomUUID());
      const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {};
      const response: TestResponse = await api.request({
        method: route.method as 'GET',
        url,
        as: 'anonymous',
        headers: caller.headers,
        ...body,
      });
      const status = response.statusCode;
      const expected = allowed ? 'not 401/403 and not 5xx' : caller.roles === null ? '401' : '403';
      const ok = allowed
        ? status !== 401 && status !== 403 && status < 500
        : status === Number(expected) &&
          String(response.headers['content-type']).includes('application/problem+json') &&
          (status !== 401 || String(response.headers['www-authenticate']).startsWith('Bearer'));
      if (!ok)
        wrong.push(`${key(route)}: expected ${expected}, got ${status} ${response.data?.detail ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });
});
