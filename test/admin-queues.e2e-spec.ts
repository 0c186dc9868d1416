import { JobQueue } from '@claimdesk/platform';
import { createUserSession, sessionFor, startTestApi, TestApi } from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';

describe('queue dashboard (/admin/queues)', () => {
  let api: TestApi;

  beforeAll(async () => {
    // A queue prefix of its own, so other suites' workers cannot change the counts read here.
    api = await startTestApi({ QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_admin` });
  });

  afterAll(async () => {
    await api?.close();
  });

  /** Signs a new user of this role in as a browser: the session cookies as a Cookie header, and the CSRF token. */
  const browserSignIn = async (role: 'admin' | 'editor') => {
    const { user, password } = await createUserSession(api, { roles: [role] });
    const response = await api.request({
      method: 'POST',
      url: '/v1/auth/login',
      as: 'anonymous',
      payload: { email: user!.email, password, session: 'cookie' },
    });
    expect(response.statusCode).toBe(200);
    const pairs = ([] as string[])
      .concat(response.headers['set-cookie'] as string[])
      .map((line) => line.split(';')[0]);
    const csrf = pairs.find((pair) => pair.startsWith('claimdesk_csrf='))!.split('=')[1];
    return { header: pairs.join('; '), csrf };
  };

  it('answers 401 problem+json to anonymous callers, with a challenge', async () => {
    for (const url of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/images/logo.svg']) {
      const response = await api.request({ method: 'GET', url, as: 'anonymous' });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="claimdesk"');
      expect(response.data).toMatchObject({ status: 401, title: 'Authentication required' });
    }
  });

  it('answers 401 to a bad token in the header, and to a bad or used session cookie', async () => {
    const header = await api.request({
      method: 'GET',
      url: '/admin/queues',
      as: 'anonymous',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(header.statusCode).toBe(401);
    expect(header.headers['www-authenticate']).toMatch(/error="invalid_token"/);

    const forged = await api.request({
      method: 'GET',
      url: '/admin/queues',
      as: 'anonymous',
      headers: { cookie: `claimdesk_refresh=crt_${'f'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toMatch(/^application\/problem\+json/);

    // A rotated (used) refresh token no longer opens the dashboard.
    const cookies = await browserSignIn('admin');
    const rotated = await api.request({
      method: 'POST',
      url: '/v1/auth/refresh',
      as: 'anonymous',
      headers: { cookie: cookies.header, 'x-csrf-token': cookies.csrf },
    });
    expect(rotated.statusCode).toBe(200);
    const stale = await api.request({
      method: 'GET',
      url: '/admin/queues',
      as: 'anonymous',
      headers: { cookie: cookies.header },
    });
    expect(stale.statusCode).toBe(401);
  });

  it.each(['editor', 'fact_checker', 'newsroom'] as const)('answers 403 to %s', async (role) => {
    for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
      const response = await api.request({ method: 'GET', url, as: role });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.data.detail).toBe('The queue dashboard needs the role admin.');
    }
  });

  it('serves the dashboard and its API to admins', async () => {
    const page = await api.request({ method: 'GET', url: '/admin/queues', as: 'admin' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('claimdesk queues');
    // The page loads its scripts relative to <base href="/admin/queues/">, through the same guard.
    const script = /src="(static\/js\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await api.request({ method: 'GET', url: `/admin/queues/${script}`, as: 'admin' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(
      (await api.request({ method: 'GET', url: `/admin/queues/${script}`, as: 'anonymous' })).statusCode,
    ).toBe(401);

    const queues = await api.request({ method: 'GET', url: '/admin/queues/api/queues', as: 'admin' });
    expect(queues.statusCode).toBe(200);
    const names = (queues.data.queues as { name: string }[]).map((queue) => queue.name).sort();
    expect(names).toEqual(['notifications', 'review', 'webhook-deliveries', 'webhooks']);
  });

  it('lets a browser in with its session cookie, without rotating it', async () => {
    const cookies = await browserSignIn('admin');
    for (let visit = 0; visit < 2; visit++) {
      const page = await api.request({
        method: 'GET',
        url: '/admin/queues',
        as: 'anonymous',
        headers: { cookie: cookies.header },
      });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['set-cookie']).toBeUndefined();
    }
    const queues = await api.request({
      method: 'GET',
      url: '/admin/queues/api/queues',
      as: 'anonymous',
      headers: { cookie: `other=1; ${cookies.header}` },
    });
    expect(queues.statusCode).toBe(200);
    // The session is still good for its real purpose.
    const refreshed = await api.request({
      method: 'POST',
      url: '/v1/auth/refresh',
      as: 'anonymous',
      headers: { cookie: cookies.header, 'x-csrf-token': cookies.csrf },
    });
    expect(refreshed.statusCode).toBe(200);
  });

  it('answers 403 to an editor’s browser session', async () => {
    const cookies = await browserSignIn('editor');
    const response = await api.request({
      method: 'GET',
      url: '/admin/queues',
      as: 'anonymous',
      headers: { cookie: cookies.header },
    });
    expect(response.statusCode).toBe(403);
  });

  it('takes no token from the URL and sets no cookie holding a token', async () => {
    const admin = await sessionFor(api, 'admin');
    const token = admin.headers.authorization.replace(/^Bearer /, '');
    for (const method of ['GET', 'PUT'] as const) {
      const url =
        method === 'GET'
          ? `/admin/queues?token=${encodeURIComponent(token)}`
          : `/admin/queues/api/queues/review/retry/failed?token=${token}`;
      const response = await api.request({ method, url, as: 'anonymous' });
      expect({ method, status: response.statusCode }).toEqual({ method, status: 401 });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    // The cookie earlier versions set (the raw JWT) opens nothing and is cleared.
    const legacy = await api.request({
      method: 'GET',
      url: '/admin/queues',
      as: 'anonymous',
      headers: { cookie: `claimdesk_admin=${token}` },
    });
    expect(legacy.statusCode).toBe(401);
    expect(String(legacy.headers['set-cookie'])).toMatch(/^claimdesk_admin=;.*Max-Age=0/);
  });

  it('refuses queue changes a browser reports as coming from another site', async () => {
    const cookies = await browserSignIn('admin');
    const response = await api.request({
      method: 'PUT',
      url: '/admin/queues/api/queues/review/retry/failed',
      as: 'anonymous',
      headers: { cookie: cookies.header, 'sec-fetch-site': 'cross-site' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('reports queue depth per queue and state on /metrics', async () => {
    const response = await api.request({ method: 'GET', url: '/metrics', as: 'anonymous' });
    expect(response.statusCode).toBe(200);
    for (const queue of ['review', 'notifications', 'webhooks']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(response.body).toMatch(
          new RegExp(`^claimdesk_queue_jobs\\{queue="${queue}",state="${state}"\\} \\d+$`, 'm'),
        );
      }
    }
  });

  it('counts delayed jobs in the gauge as they are scheduled', async () => {
    const jobs = api.app.get(JobQueue);
    const depth = async () => {
      const body = (await api.request({ method: 'GET', url: '/metrics', as: 'anonymous' })).body;
      return Number(/^claimdesk_queue_jobs\{queue="review",state="delayed"\} (\d+)$/m.exec(body)?.[1]);
    };
    const before = await depth();
    // A timer far in the future that no worker will run during this test (and that points at nothing).
    const job = await jobs.add(
      'review.overdue',
      {
        claimId: randomUUID(),
        assignmentId: randomUUID(),
        dueAt: new Date(Date.now() + 3600_000).toISOString(),
      },
      new Date(Date.now() + 3600_000),
    );
    try {
      expect(await depth()).toBe(before + 1);
    } finally {
      await job.remove();
    }
  });

  it('leaves routes outside the prefix alone', async () => {
    const response = await api.request({ method: 'GET', url: '/health/live', as: 'anonymous' });
    expect(response.statusCode).toBe(200);
    const near = await api.request({ method: 'GET', url: '/admin/queuesx', as: 'anonymous' });
    expect(near.statusCode).toBe(404);
  });
});
