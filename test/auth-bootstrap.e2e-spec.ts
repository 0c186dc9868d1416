import { ensureDatabase, runMigrations } from '@claimdesk/platform';
import { startTestApi, TestApi } from '@claimdesk/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD; that needs a database with no user, so its own. */
describe('auth: first admin from the environment', () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `${url.pathname}_bootstrap`;
  const databaseUrl = url.toString();
  const env = {
    DATABASE_URL: databaseUrl,
    ADMIN_EMAIL: 'Chief@Desk.Example',
    ADMIN_PASSWORD: 'bootstrap-password-123',
  };
  const started: TestApi[] = [];
  const start = async (overrides: Record<string, string> = env) => {
    const api = await startTestApi(overrides);
    started.push(api);
    return api;
  };
  const login = (api: TestApi, email: string, password: string) =>
    api.request({ method: 'POST', url: '/v1/auth/login', payload: { email, password }, as: 'anonymous' });

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    await runMigrations(databaseUrl);
  });
  afterAll(async () => {
    for (const api of started) await api.close();
    const admin = new URL(databaseUrl);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  });

  it('creates the admin on an empty database, once, even when replicas start together', async () => {
    const [first] = await Promise.all([start(), start()]);
    const signedIn = await login(first, 'chief@desk.example', 'bootstrap-password-123');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.data.user).toMatchObject({
      email: 'chief@desk.example',
      roles: ['admin'],
      handle: 'chief',
    });

    const users = await first.request({
      method: 'GET',
      url: '/v1/users',
      as: 'anonymous',
      headers: { authorization: `Bearer ${signedIn.data.accessToken}` },
    });
    expect(users.data.items).toHaveLength(1);

    // Recorded once, by nobody: the process made it from its environment. No password in it.
    const audit = await first.request({
      method: 'GET',
      url: '/v1/audit-events',
      as: 'anonymous',
      headers: { authorization: `Bearer ${signedIn.data.accessToken}` },
    });
    expect(audit.statusCode).toBe(200);
    expect(audit.data.items).toEqual([
      expect.objectContaining({
        type: 'user.bootstrapped',
        actor: null,
        changes: expect.objectContaining({
          userId: signedIn.data.user.id,
          email: 'chief@desk.example',
          roles: ['admin'],
        }),
      }),
    ]);
    expect(audit.body).not.toContain('bootstrap-password-123');
    expect(audit.body).not.toMatch(/\$argon2|password_?hash/i);
  });

  it('leaves an existing desk alone: another ADMIN_EMAIL creates nobody', async () => {
    const api = await start({ ...env, ADMIN_EMAIL: 'second@desk.example' });
    expect((await login(api, 'second@desk.example', 'bootstrap-password-123')).statusCode).toBe(401);
  });

  it('keeps the last active admin: it cannot be disabled or demoted', async () => {
    const api = started[0];
    const signedIn = await login(api, 'chief@desk.example', 'bootstrap-password-123');
    const headers = { authorization: `Bearer ${signedIn.data.accessToken}` };
    const id = signedIn.data.user.id;
    for (const payload of [{ active: false }, { roles: ['editor'] }]) {
      const response = await api.request({
        method: 'PATCH',
        url: `/v1/users/${id}`,
        payload,
        as: 'anonymous',
        headers,
      });
      expect(response.statusCode).toBe(409);
      expect(response.data.detail).toMatch(/admin/);
    }
  });

  it('does nothing without ADMIN_EMAIL', async () => {
    const api = await start({ DATABASE_URL: databaseUrl, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    expect(api.config.ADMIN_EMAIL).toBeUndefined();
    const [{ count }] = await api.app.get(DataSource).query('SELECT count(*)::int AS count FROM users');
    expect(count).toBe(1);
  });
});
