import { startTestApi, TestApi } from '@claimdesk/testing';

/** /v1 answers carry the JSON API's few security headers; pages outside it keep helmet's full set. */
describe('security headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('sends only what a JSON API needs on /v1', async () => {
    const response = await api.request({ method: 'GET', url: '/v1/claims?limit=1' });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'content-security-policy': `default-src 'none'; frame-ancestors 'none'`,
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['x-dns-prefetch-control']).toBeUndefined();
    expect(response.headers['origin-agent-cluster']).toBeUndefined();
  });

  it('sends them on /v1 errors too', async () => {
    const response = await api.request({ method: 'GET', url: '/v1/claims/not-a-uuid' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps helmet for the pages outside /v1', async () => {
    const response = await api.request({ method: 'GET', url: '/docs', as: 'anonymous' });
    expect(String(response.headers['content-security-policy'])).toContain('validator.swagger.io');
    expect(response.headers['x-dns-prefetch-control']).toBe('off');
  });
});
