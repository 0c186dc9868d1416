import { loadConfig } from '@claimdesk/platform';
import { startTestApi, TestApi, TestResponse, waitFor } from '@claimdesk/testing';
import { connect } from 'node:net';
import { createApi } from '../apps/api/src/create-api';

const json = { 'content-type': 'application/json' };
const deeplyNested = '['.repeat(2400) + ']'.repeat(2400);

function expectProblem(response: TestResponse, status: number, detail?: RegExp): void {
  expect({ status: response.statusCode, body: response.body.slice(0, 300) }).toMatchObject({ status });
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.data).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  if (detail) expect(response.data.detail).toMatch(detail);
}

/** A raw connection: for answers Fastify's HTTP parser gives before there is a request, and for timing. */
function rawConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const answer = new Promise<string>((resolve, reject) => {
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(5000, () =>
      socket.destroy(new Error(`no answer within 5 s, got ${JSON.stringify(received)}`)),
    );
  });
  return { write: (data: string) => socket.write(data), answer };
}

function rawExchange(port: number, request: string): Promise<string> {
  const connection = rawConnection(port);
  connection.write(request);
  return connection.answer;
}

describe('hostile input', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  describe('the shape of a JSON body is bounded before it is parsed', () => {
    it('refuses deep nesting anonymously on login and on any route with a body, in milliseconds', async () => {
      for (const [url, as] of [
        ['/v1/auth/login', 'anonymous'],
        ['/v1/claims', 'admin'],
      ] as const) {
        const started = performance.now();
        const response = await api.request({ method: 'POST', url, as, headers: json, payload: deeplyNested });
        expectProblem(response, 400, /nests deeper than 32 levels/);
        expect(performance.now() - started).toBeLessThan(500);
      }
      const nestedObject = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
      const response = await api.request({
        method: 'PATCH',
        url: '/v1/claims/00000000-0000-0000-0000-000000000000',
        headers: json,
        payload: nestedObject,
      });
      expectProblem(response, 400, /nests deeper/);
    });

    it('keeps the event loop responsive under a burst of deep bodies and huge lists', async () => {
      const flatList = JSON.stringify({
        text: 'A claim with far too many stances.',
        stances: Array(60_000).fill({}),
      });
      const burst = Array.from({ length: 20 }, (_, index) =>
        api.request({
          method: 'POST',
          url: index % 2 ? '/v1/auth/login' : '/v1/claims',
          as: index % 2 ? 'anonymous' : 'admin',
          headers: json,
          payload: index % 4 < 2 ? deeplyNested : flatList,
        }),
      );
      const started = performance.now();
      const live = api.request({ method: 'GET', url: '/health/live', as: 'anonymous' }).then((response) => ({
        response,
        after: performance.now() - started,
      }));
      const answers = await Promise.all(burst);
      const { response, after } = await live;
      const total = performance.now() - started;
      expect(response.statusCode).toBe(200);
      for (const answer of answers) expectProblem(answer, 400, /nests deeper|more than 1000 entries/);
      // Before the limits, each deep body held the loop for about 2 s, 20 of them for 17 s.
      expect(after).toBeLessThan(1000);
      expect(total).toBeLessThan(3000);
    });

    it('refuses a list of 60,000 objects in milliseconds, and DTO caps answer smaller ones by field', async () => {
      const started = performance.now();
      const huge = await api.request({
        method: 'POST',
        url: '/v1/claims',
        headers: json,
        payload: JSON.stringify({
          text: 'A claim with far too many stances.',
          stances: Array(60_000).fill({}),
        }),
      });
      expectProblem(huge, 400, /more than 1000 entries/);
      expect(performance.now() - started).toBeLessThan(500);

      const manyStances = await api.request({
        method: 'POST',
        url: '/v1/claims',
        payload: { text: 'A claim with too many stances.', stances: Array(1000).fill({}) },
      });
      expectProblem(manyStances, 400);
      expect(manyStances.data.errors).toEqual([
        { field: 'stances', message: 'stances must contain no more than 50 elements' },
      ]);

      const roles = await api.request({
        method: 'POST',
        url: '/v1/users',
        payload: {
          email: 'many-roles@example.org',
          name: 'Many Roles',
          password: 'a long enough password',
          roles: Array(200).fill('editor'),
        },
      });
      expectProblem(roles, 400);
      expect(roles.data.errors).toEqual([
        { field: 'roles', message: expect.stringMatching(/^roles must contain no more than \d+ elements$/) },
      ]);
    });

    it('still refuses prototype poisoning and keeps 413 above 1 MiB', async () => {
      const poisoned = await api.request({
        method: 'POST',
        url: '/v1/claims',
        headers: json,
        payload: '{"text":"A claim about prototypes.","__proto__":{"admin":true}}',
      });
      expectProblem(poisoned, 400, /"__proto__" or "constructor.prototype" key, which is refused/);
      const big = await api.request({
        method: 'POST',
        url: '/v1/claims',
        headers: json,
        payload: JSON.stringify({ text: 'x'.repeat(1024 * 1024) }),
      });
      expectProblem(big, 413, /^The request body is larger than the limit of 1048576 bytes\.$/);
    });
  });

  describe('text that is not valid Unicode', () => {
    it('answers a lone surrogate in any string field with a 400', async () => {
      const email = await api.request({
        method: 'POST',
        url: '/v1/users',
        headers: json,
        payload: '{"email":"\\ud800","name":"Lone","password":"a long enough password","roles":["editor"]}',
      });
      expectProblem(email, 400, /lone UTF-16 surrogate \(\\ud800\)/);
      const login = await api.request({
        method: 'POST',
        url: '/v1/auth/login',
        as: 'anonymous',
        headers: json,
        payload: '{"email":"x\\udfff@example.org","password":"whatever it is"}',
      });
      expectProblem(login, 400, /lone UTF-16 surrogate/);
      const text = await api.request({
        method: 'POST',
        url: '/v1/claims',
        headers: json,
        payload: '{"text":"A claim with a broken \\ud83d emoji in it."}',
      });
      expectProblem(text, 400, /lone UTF-16 surrogate/);
    });

    it('names invalid UTF-8 in a body as such', async () => {
      const response = await api.request({
        method: 'POST',
        url: '/v1/claims',
        headers: json,
        payload: Buffer.concat([
          Buffer.from('{"text":"A claim with '),
          Buffer.from([0xff, 0xfe]),
          Buffer.from(' in it"}'),
        ]),
      });
      expectProblem(response, 400, /not valid UTF-8/);
    });
  });

  describe('every error, from every layer, is problem+json', () => {
    it('answers a URL with escapes that are not UTF-8, and a path parameter that is too long', async () => {
      const response = await api.request({ method: 'GET', url: '/v1/claims/%FF%FE' });
      expectProblem(response, 400, /not valid UTF-8/);
      const long = await api.request({ method: 'GET', url: `/v1/claims/${'x'.repeat(300)}` });
      expectProblem(long, 414, /too long/);
    });

    it('answers malformed HTTP on the socket', async () => {
      await api.app.listen(0, '127.0.0.1');
      const port = (api.app.getHttpServer().address() as { port: number }).port;
      const answer = await rawExchange(
        port,
        'GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n',
      );
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(head.toLowerCase()).toContain('content-type: application/problem+json');
      expect(JSON.parse(body)).toMatchObject({ status: 400, type: expect.any(String), title: 'Bad request' });
    });

    it('answers an unsupported media type and an empty JSON body', async () => {
      const text = await api.request({
        method: 'POST',
        url: '/v1/claims',
        headers: { 'content-type': 'text/plain' },
        payload: 'A claim in plain text.',
      });
      expectProblem(text, 415, /^The request body is text\/plain; send it as application\/json/);
      const untyped = await api.request({ method: 'POST', url: '/v1/claims', payload: 'A claim, untyped.' });
      expectProblem(untyped, 415, /^The request body has no Content-Type; send it as application\/json/);
      const oddType = await api.request({
        method: 'POST',
        url: '/v1/claims',
        headers: { 'content-type': 'text/plain"><script>' },
        payload: 'A claim.',
      });
      expectProblem(
        oddType,
        415,
        /^The request body's Content-Type is not a media type; send it as application\/json/,
      );
      expect(oddType.body).not.toContain('script');
      const empty = await api.request({ method: 'POST', url: '/v1/claims', headers: json, payload: '' });
      expectProblem(empty, 400, /^The request body is empty; send a JSON object as application\/json\.$/);
    });

    it('says where a body stops being JSON, in our words and without echoing it', async () => {
      const cases: [payload: string, detail: string][] = [
        ['{"text": "secret stuff" x}', 'it breaks at position 24 (line 1, column 25)'],
        ['{"text":\n  *nonsense}', 'it breaks at position 11 (line 2, column 3)'],
        ['[1,]', 'it breaks at position 3 (line 1, column 4)'],
        ['{"text": "an unfinished', 'it ends at position 23 before the JSON value is complete'],
      ];
      for (const [payload, detail] of cases) {
        const response = await api.request({ method: 'POST', url: '/v1/claims', headers: json, payload });
        expectProblem(response, 400);
        expect({ payload, detail: response.data.detail }).toEqual({
          payload,
          detail: `The request body is not valid JSON: ${detail}.`,
        });
        expect(response.body).not.toMatch(/secret|nonsense|unfinished|Unexpected|content-type is set/);
      }
    });
  });

  describe('validation answers one entry per bad field, with the message that matters', () => {
    let claimId: string;

    beforeAll(async () => {
      claimId = (
        await api.request({ method: 'POST', url: '/v1/claims', payload: { text: 'A claim to send back.' } })
      ).data.id;
    });

    it('says a missing field is required', async () => {
      const response = await api.request({
        method: 'POST',
        url: `/v1/claims/${claimId}/send-back`,
        payload: {},
      });
      expectProblem(response, 400);
      expect(response.data.errors).toEqual([{ field: 'comment', message: 'comment is required' }]);
    });

    it('says what a query parameter must be', async () => {
      for (const limit of ['abc', '0', '101', '2.5']) {
        const response = await api.request({ method: 'GET', url: `/v1/claims?limit=${limit}` });
        expectProblem(response, 400);
        expect(response.data.errors).toEqual([
          { field: 'limit', message: 'limit must be an integer between 1 and 100' },
        ]);
      }
    });

    it('names the type before the other checks, and unknown fields as unknown', async () => {
      const response = await api.request({
        method: 'POST',
        url: '/v1/claims',
        payload: { text: 42, tags: 'balkans', colour: 'red', stances: [1] },
      });
      expectProblem(response, 400);
      expect(response.data.errors).toEqual([
        { field: 'colour', message: 'colour is not a known field' },
        { field: 'text', message: 'text must be a string' },
        { field: 'tags', message: 'tags must be an array' },
        { field: 'stances', message: 'each value in stances must be an object' },
      ]);
      expect(response.data.detail).toBe('The request has 4 invalid fields.');
    });

    it('refuses a body that is not a JSON object as a whole', async () => {
      for (const payload of ['[{"text":"A claim inside an array."}]', '"a string"', '42', 'null']) {
        const response = await api.request({ method: 'POST', url: '/v1/claims', headers: json, payload });
        expectProblem(response, 400);
        expect(response.data.detail).toBe('The body must be a JSON object.');
      }
    });
  });

  it('answers a request that arrives while the server drains with a 503 problem+json', async () => {
    const app = await createApi(loadConfig(process.env));
    const fastify = app.getHttpAdapter().getInstance();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered = false;
    let closing = false;
    // A request still in flight keeps its keep-alive connection open; the next one on it arrives during close.
    fastify.get('/test/slow', async () => {
      entered = true;
      await gate;
      return { slow: true };
    });
    fastify.addHook('preClose', async () => {
      closing = true;
    });
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    const seen: string[] = [];
    app.getHttpServer().on('request', (request: { url: string }) => seen.push(request.url));
    const connection = rawConnection(port);
    connection.write('GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitFor(() => entered, 5000, { message: 'the slow request to be in flight' });
    const closed = app.close();
    await waitFor(() => closing, 5000, { message: 'the server to start closing' });
    connection.write('GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
    // The second request is read (and answered once the first one is) while the first is still open.
    await waitFor(() => seen.includes('/health/live'), 5000, { message: 'the second request to arrive' });
    release();
    const answer = connection.answer;
    const [, second] = (await answer).split(/(?=HTTP\/1\.1 )/);
    await closed;
    const [head, body] = second.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 503 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(head.toLowerCase()).toContain('retry-after: 1');
    expect(JSON.parse(body)).toMatchObject({ status: 503, title: 'Service unavailable' });
  });
});
