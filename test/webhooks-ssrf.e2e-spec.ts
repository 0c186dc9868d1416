import { startTestApi, TestApi } from '@claimdesk/testing';

/**
 * The SSRF guard end to end, with private networks not allowed (the other suites allow them so
 * their receivers can listen on 127.0.0.1). Its own file: one API per process keeps the metrics
 * registry to one app. The address classes are unit-tested with injected DNS in ssrf-guard.spec.ts.
 */
describe('webhooks without private networks', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
  });
  afterAll(() => api?.close());

  it.each([
    ['http://127.0.0.1:9/hook', 'a loopback address'],
    ['http://2130706433/', 'a loopback address'],
    ['http://0x7f.1/', 'a loopback address'],
    ['http://[::ffff:127.0.0.1]/', 'a loopback address'],
    ['http://[::1]/', 'a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', 'a link-local address'],
    ['http://10.1.2.3/', 'a private-network address'],
    ['http://100.64.0.1/', 'a carrier-grade NAT address'],
    ['http://[fd00::1]/', 'a unique-local address'],
    ['http://0.0.0.0/', 'the unspecified address'],
    ['http://localhost:3000/', 'a loopback address'],
  ])('refuses %s at registration', async (url, what) => {
    const response = await api.request({
      method: 'POST',
      url: '/v1/webhooks',
      payload: { url, events: ['claim.created'] },
      as: 'newsroom',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.data.errors).toHaveLength(1);
    expect(response.data.errors[0].field).toBe('url');
    expect(response.data.errors[0].message).toContain(
      `url must reach a public address, but it points to ${what}`,
    );
  });
});
