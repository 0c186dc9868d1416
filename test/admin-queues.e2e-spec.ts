import { ADMIN_COOKIE } from '../apps/api/src/admin/admin-access';
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

  it('answers 401 problem+json to anonymous callers, with a challenge', async () => {
    for (const url of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/images/logo.svg']) {
      const response = await api.request({ method: 'GET', url, as: 'anonymous' });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="claimdesk"');
      expect(response.data).toMatchObject({ status: 401, title: 'Authentication required' });
    }
  });

  it('answers 401 to a bad token, in the header, the query or the cookie', async () => {
    const header = await api.request({
      method: 'GET',
      url: '/admin/queues',
      as: 'anonymous',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(header.statusCode).toBe(401);
    expect(header.headers['www-authenticate']).toMatch(/error="invalid_token"/);

    const query = await api.request({ method: 'GET', url: '/admin/queues?token=nope', as: 'anonymous' });
    expect(query.statusCode).toBe(401);
    expect(query.headers['set-cookie']).toBeUndefined();

    const cookie = await api.request({
      method: 'GET',
      url: '/admin/queues',
      as: 'anonymous',
      headers: { cookie: `${ADMIN_COOKIE}=expired.or.forged` },
    });
    expect(cookie.statusCode).toBe(401);
    // The useless cookie is cleared so the browser stops sending it.
    expect(String(cookie.headers['set-cookie'])).toMatch(new RegExp(`^${ADMIN_COOKIE}=;.*Max-Age=0`));
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
    expect(names).toEqual(['notifications', 'review', 'webhooks']);
  });

  it('lets a browser in with ?token= once, then with the cookie it set', async () => {
    const admin = await sessionFor(api, 'admin');
    const token = admin.headers.authorization.replace(/^Bearer /, '');

    const opened = await api.request({
      method: 'GET',
      url: `/admin/queues?token=${encodeURIComponent(token)}&tab=delayed`,
      as: 'anonymous',
    });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe('/admin/queues?tab=delayed');
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toContain(`${ADMIN_COOKIE}=${token};`);
    expect(setCookie).toContain('Path=/admin/queues');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toMatch(/Max-Age=\d+/);

    const cookie = `${ADMIN_COOKIE}=${token}`;
    const page = await api.request({
      method: 'GET',
      url: '/admin/queues',
      as: 'anonymous',
      headers: { cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const queues = await api.request({
      method: 'GET',
      url: '/admin/queues/api/queues',
      as: 'anonymous',
      headers: { cookie: `other=1; ${cookie}` },
    });
    expect(queues.statusCode).toBe(200);
  });

  it('does not take an editor’s token from the query, and sets no cookie for it', async () => {
    const editor = await createUserSession(api, { roles: ['editor'] });
    const token = editor.headers.authorization.replace(/^Bearer /, '');
    const response = await api.request({
      method: 'GET',
      url: `/admin/queues?token=${token}`,
      as: 'anonymous',
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('takes ?token= on GET only, so a link cannot make a browser change the queues', async () => {
    const admin = await sessionFor(api, 'admin');
    const token = admin.headers.authorization.replace(/^Bearer /, '');
    const response = await api.request({
      method: 'PUT',
      url: `/admin/queues/api/queues/review/retry/failed?token=${token}`,
      as: 'anonymous',
    });
    expect(response.statusCode).toBe(401);
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
