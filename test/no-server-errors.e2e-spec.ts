import { isolatedTestEnv, IsolatedTestEnv, startTestApi, TestApi } from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';

/** 2,400 nested arrays: once a stack overflow (500) that held the event loop for seconds. */
const deeplyNested = Array.from({ length: 2400 }).reduce<unknown[]>((inner) => [inner], []);

/**
 * "No input ever yields a 5xx": every operation in the OpenAPI document (so a new route is covered
 * the day it is served) gets hostile path parameters, query strings and bodies, as an admin (who
 * passes every role check, so the input reaches validation and the services). It runs in its own
 * database because some of these requests are valid and change data.
 */
const hostileBodies: unknown[] = [
  {},
  [],
  null,
  'a string',
  42,
  { text: '\u0000 nul byte in text' },
  { text: 'x'.repeat(5000), tags: Array.from({ length: 200 }, (_, index) => `tag-${index}`) },
  { limit: -1, cursor: '!!!', dueAt: '2024-02-31T25:61:00Z', priority: 'whenever' },
  { id: 'not-a-uuid', assigneeId: 'not-a-uuid', actorId: '00000000-0000-0000-0000-000000000000' },
  { nested: { deeper: { deepest: [1, { a: null }] } }, __proto__: { admin: true } },
  { email: 'a@b', password: 'p', roles: ['emperor'], events: ['*'], url: 'javascript:alert(1)' },
  { verdict: 'true', summary: '', evidenceStatus: 'debunked', reason: '', comment: '', body: '' },
  deeplyNested,
  { text: deeplyNested, stances: Array(5000).fill({}), tags: Array(5000).fill('x') },
  // Lone UTF-16 surrogates: JSON.stringify sends them as \ud800 escapes, validators such as isEmail throw on them.
  {
    email: '\ud800',
    password: '\udfff',
    text: 'A claim with a lone \ud83d surrogate.',
    name: '\ud800',
    url: '\ud800',
  },
];

const hostileQueries = [
  '',
  '?limit=0',
  '?limit=1e9',
  '?limit=abc&cursor=%00',
  '?cursor=eyJ4IjoxfQ',
  `?cursor=${Buffer.from(JSON.stringify(['2024-02-31T00:00:00.000Z', randomUUID()])).toString('base64url')}`,
  '?q=%27%3B%20DROP%20TABLE%20claims%3B--&text=%E0%A4%A&status=nope&since=yesterday&scope=everything',
  '?unread=maybe&tag[]=x&tag[]=y&assigneeId=123',
  '?q=%ED%A0%80&email=%ED%B0%80&limit=%FF',
];

const pathValues = [
  'not-a-uuid',
  randomUUID(),
  '00000000-0000-0000-0000-000000000000',
  '%00',
  'x'.repeat(300),
  '%FF%FE',
];

interface Operation {
  method: string;
  path: string;
}

describe('no request yields a 5xx', () => {
  let isolated: IsolatedTestEnv;
  let api: TestApi;
  let operations: Operation[];

  beforeAll(async () => {
    isolated = await isolatedTestEnv('no5xx');
    api = await startTestApi(isolated.env);
    const document = (await api.request({ method: 'GET', url: '/docs-json' })).data as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        // The notification stream never ends by design; its bad inputs are tested in its own suite.
        .filter(() => !path.endsWith('/stream'))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
  });

  afterAll(async () => {
    await api.close();
    await isolated.drop();
  });

  it('covers the served API', () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it('answers hostile input on every operation with a 2xx-4xx, never a 5xx, errors as problem+json', async () => {
    const failures: string[] = [];
    for (const [operationIndex, { method, path }] of operations.entries()) {
      for (const [index, value] of pathValues.entries()) {
        const url = path.replace(/\{[^}]+\}/g, value.startsWith('%') ? value : encodeURIComponent(value));
        const query = hostileQueries[(operationIndex + index) % hostileQueries.length];
        const bodies = method === 'GET' || method === 'DELETE' ? [undefined] : hostileBodies;
        for (const body of bodies) {
          const response = await api.request({
            method: method as 'GET',
            url: `${url}${query}`,
            ...(body === undefined
              ? {}
              : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }),
          });
          const problem = String(response.headers['content-type']).startsWith('application/problem+json');
          if (response.statusCode >= 500 || (response.statusCode >= 400 && !problem)) {
            failures.push(
              `${method} ${url}${query} ${JSON.stringify(body)?.slice(0, 80)} → ${response.statusCode} ${response.headers['content-type']}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
