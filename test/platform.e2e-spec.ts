import { startTestApi, TestApi } from '@claimdesk/testing';

describe('platform conventions', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('answers liveness and readiness with PostgreSQL and Redis up', async () => {
    expect((await api.request({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await api.request({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.data.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('answers unknown routes with a problem+json 404', async () => {
    const response = await api.request({ method: 'GET', url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.data).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('echoes a sane x-request-id and generates one otherwise', async () => {
    const given = await api.request({
      method: 'GET',
      url: '/docs-json',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await api.request({
      method: 'GET',
      url: '/docs-json',
      headers: { 'x-request-id': 'bad id!' },
    });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document', async () => {
    const response = await api.request({ method: 'GET', url: '/docs-json' });
    expect(response.statusCode).toBe(200);
    expect(response.data.openapi).toMatch(/^3\./);
    expect(Object.keys(response.data.paths)).toContain('/health/ready');
  });

  it('exposes Prometheus metrics with request latency by route template', async () => {
    await api.request({ method: 'GET', url: '/health/live' });
    const response = await api.request({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(
      /claimdesk_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} [1-9]/,
    );
  });

  it('answers malformed JSON with a problem+json 400', async () => {
    const response = await api.request({
      method: 'POST',
      url: '/v1/anything',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers a GET whose If-None-Match names the current ETag with a bodiless 304', async () => {
    const claim = await api.request({
      method: 'POST',
      url: '/v1/claims',
      payload: { text: 'A claim read twice.' },
    });
    const url = `/v1/claims/${claim.data.id}`;
    const etag = (await api.request({ method: 'GET', url })).headers.etag as string;
    expect(etag).toBe('W/"1"');
    for (const ifNoneMatch of [etag, '"1"', '"7", W/"1"', '*']) {
      const cached = await api.request({ method: 'GET', url, headers: { 'if-none-match': ifNoneMatch } });
      expect({ ifNoneMatch, status: cached.statusCode, body: cached.body }).toEqual({
        ifNoneMatch,
        status: 304,
        body: '',
      });
      expect(cached.headers.etag).toBe(etag);
    }
    const stale = await api.request({ method: 'GET', url, headers: { 'if-none-match': 'W/"0"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.data.id).toBe(claim.data.id);
  });
});
