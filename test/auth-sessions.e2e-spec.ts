import { UsersService } from '@claimdesk/auth';
import { createUserSession, startTestApi, TestApi, TestResponse } from '@claimdesk/testing';
import { DataSource } from 'typeorm';

/** `name=value` pairs of a response's Set-Cookie headers, with their attributes. */
function cookiesOf(response: TestResponse): Record<string, { value: string; attributes: string }> {
  const raw = response.headers['set-cookie'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  return Object.fromEntries(
    lines.map((line) => {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair.split('=');
      return [name.trim(), { value: value.join('='), attributes: attributes.join(';') }];
    }),
  );
}

describe('auth: refresh tokens and the browser session', () => {
  let api: TestApi;
  let ip = 0;
  const nextIp = () => `10.3.0.${++ip}`;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const signIn = async (session?: 'token' | 'cookie') => {
    const { user, password } = await createUserSession(api, { roles: ['editor'] });
    const response = await api.request({
      method: 'POST',
      url: '/v1/auth/login',
      as: 'anonymous',
      remoteAddress: nextIp(),
      payload: { email: user!.email, password, ...(session ? { session } : {}) },
    });
    expect(response.statusCode).toBe(200);
    return { user: user!, password: password!, response };
  };
  const refresh = (payload?: object, headers: Record<string, string> = {}) =>
    api.request({ method: 'POST', url: '/v1/auth/refresh', as: 'anonymous', payload, headers });
  const logout = (payload?: object, headers: Record<string, string> = {}) =>
    api.request({ method: 'POST', url: '/v1/auth/logout', as: 'anonymous', payload, headers });
  const me = (accessToken: string) =>
    api.request({
      method: 'GET',
      url: '/v1/me',
      as: 'anonymous',
      headers: { authorization: `Bearer ${accessToken}` },
    });

  describe('API clients (token in the body)', () => {
    it('rotates the refresh token on each use and stores only its hash', async () => {
      const { user, response } = await signIn();
      const first = response.data.refreshToken as string;
      const rotated = await refresh({ refreshToken: first });
      expect(rotated.statusCode).toBe(200);
      expect(rotated.data).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        user: expect.objectContaining({ id: user.id }),
        refreshToken: expect.stringMatching(/^crt_/),
        refreshExpiresIn: expect.any(Number),
      });
      expect(rotated.data.refreshToken).not.toBe(first);
      expect(rotated.data.refreshExpiresIn).toBeLessThanOrEqual(response.data.refreshExpiresIn);
      expect((await me(rotated.data.accessToken)).statusCode).toBe(200);

      const rows = await api.app
        .get(DataSource)
        .query(`SELECT token_hash, csrf_hash, used_at, replaced_by FROM refresh_tokens WHERE user_id = $1`, [
          user.id,
        ]);
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(row.csrf_hash).toBeNull();
      }
      expect(JSON.stringify(rows)).not.toContain(first.slice(4));
      expect(rows.filter((row: { used_at: unknown }) => row.used_at !== null)).toHaveLength(1);
    });

    it('ends the whole family when a rotated token is used again', async () => {
      const { response } = await signIn();
      const first = response.data.refreshToken as string;
      const second = (await refresh({ refreshToken: first })).data.refreshToken as string;
      const third = (await refresh({ refreshToken: second })).data.refreshToken as string;

      const reused = await refresh({ refreshToken: first });
      expect(reused.statusCode).toBe(401);
      expect(reused.headers['content-type']).toContain('application/problem+json');
      expect(reused.data.detail).toMatch(/already used/);
      // The thief's copy and the owner's latest token are both dead now.
      const latest = await refresh({ refreshToken: third });
      expect(latest.statusCode).toBe(401);
      expect(latest.data.detail).toMatch(/session has ended/);
    });

    it('lets exactly one of two simultaneous refreshes with the same token through', async () => {
      const { response } = await signIn();
      const token = response.data.refreshToken as string;
      const answers = await Promise.all([refresh({ refreshToken: token }), refresh({ refreshToken: token })]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 401]);
    });

    it('signs out: 204, and the family no longer refreshes', async () => {
      const { response } = await signIn();
      const token = response.data.refreshToken as string;
      const next = (await refresh({ refreshToken: token })).data.refreshToken as string;
      const out = await logout({ refreshToken: token });
      expect(out.statusCode).toBe(204);
      expect((await refresh({ refreshToken: next })).statusCode).toBe(401);
      // Signing out twice, or with an unknown token, is still 204.
      expect((await logout({ refreshToken: next })).statusCode).toBe(204);
      expect((await logout({ refreshToken: `crt_${'x'.repeat(43)}` })).statusCode).toBe(204);
    });

    it('ends sessions on a password change and when the user is disabled', async () => {
      const changed = await signIn();
      await api.app.get(UsersService).update(changed.user.id, { password: 'a fresh passphrase 123' });
      expect((await refresh({ refreshToken: changed.response.data.refreshToken })).statusCode).toBe(401);

      const disabled = await signIn();
      await api.app.get(UsersService).update(disabled.user.id, { active: false });
      await api.app.get(UsersService).update(disabled.user.id, { active: true });
      expect((await refresh({ refreshToken: disabled.response.data.refreshToken })).statusCode).toBe(401);
    });

    it('refuses unknown and malformed tokens with 401, and bad bodies with 400', async () => {
      for (const refreshToken of [`crt_${'a'.repeat(43)}`, 'not-a-token', 'eyJ.a.b']) {
        const response = await refresh({ refreshToken });
        expect({ refreshToken, status: response.statusCode }).toEqual({ refreshToken, status: 401 });
      }
      for (const payload of [{ refreshToken: 42 }, { refreshToken: '' }, { refreshToken: 'x', extra: 1 }]) {
        const response = await refresh(payload);
        expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      expect((await refresh({})).statusCode).toBe(400);
      expect((await refresh()).statusCode).toBe(400);
      expect((await logout({})).statusCode).toBe(400);
      const badSession = await api.request({
        method: 'POST',
        url: '/v1/auth/login',
        as: 'anonymous',
        payload: { email: 'a@b.c', password: 'x', session: 'jar' },
      });
      expect(badSession.statusCode).toBe(400);
      expect(badSession.data.errors).toEqual([expect.objectContaining({ field: 'session' })]);
    });
  });

  describe('browsers (cookies and CSRF)', () => {
    const cookieHeader = (cookies: Record<string, { value: string }>) =>
      Object.entries(cookies)
        .map(([name, { value }]) => `${name}=${value}`)
        .join('; ');

    it('signs in with httpOnly refresh and readable CSRF cookies, never the refresh token in the body', async () => {
      const { response } = await signIn('cookie');
      expect(response.data).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        user: expect.any(Object),
      });
      const cookies = cookiesOf(response);
      expect(cookies.claimdesk_refresh.value).toMatch(/^crt_/);
      expect(cookies.claimdesk_refresh.attributes).toMatch(/HttpOnly/);
      expect(cookies.claimdesk_csrf.attributes).not.toMatch(/HttpOnly/);
      for (const { attributes } of [cookies.claimdesk_refresh, cookies.claimdesk_csrf]) {
        expect(attributes).toMatch(/Secure/);
        expect(attributes).toMatch(/SameSite=Strict/);
        expect(attributes).toMatch(/Path=\//);
        expect(attributes).toMatch(/Max-Age=43200/);
      }
      expect(response.body).not.toContain(cookies.claimdesk_refresh.value);
    });

    it('refreshes with the cookie and X-CSRF-Token, rotating both cookies', async () => {
      const { response } = await signIn('cookie');
      const cookies = cookiesOf(response);
      const rotated = await refresh(undefined, {
        cookie: cookieHeader(cookies),
        'x-csrf-token': cookies.claimdesk_csrf.value,
      });
      expect(rotated.statusCode).toBe(200);
      expect(rotated.data.refreshToken).toBeUndefined();
      expect((await me(rotated.data.accessToken)).statusCode).toBe(200);
      const next = cookiesOf(rotated);
      expect(next.claimdesk_refresh.value).toMatch(/^crt_/);
      expect(next.claimdesk_refresh.value).not.toBe(cookies.claimdesk_refresh.value);
      expect(next.claimdesk_csrf.value).not.toBe(cookies.claimdesk_csrf.value);

      // `{}` works like no body.
      const again = await refresh(
        {},
        { cookie: cookieHeader(next), 'x-csrf-token': next.claimdesk_csrf.value },
      );
      expect(again.statusCode).toBe(200);
    });

    it('refuses a missing or mismatched CSRF header, and a CSRF cookie from another session', async () => {
      const victim = cookiesOf((await signIn('cookie')).response);
      const attacker = cookiesOf((await signIn('cookie')).response);
      const refreshCookie = `claimdesk_refresh=${victim.claimdesk_refresh.value}`;

      const none = await refresh(undefined, { cookie: cookieHeader(victim) });
      expect(none.statusCode).toBe(403);
      expect(none.headers['content-type']).toContain('application/problem+json');
      const mismatch = await refresh(undefined, { cookie: cookieHeader(victim), 'x-csrf-token': 'guess' });
      expect(mismatch.statusCode).toBe(403);
      // A CSRF cookie planted (e.g. by a sibling subdomain) with the attacker's own value: cookie and
      // header agree, but the value is not bound to the victim's session.
      const planted = await refresh(undefined, {
        cookie: `${refreshCookie}; claimdesk_csrf=${attacker.claimdesk_csrf.value}`,
        'x-csrf-token': attacker.claimdesk_csrf.value,
      });
      expect(planted.statusCode).toBe(403);
      // None of these used up the victim's token.
      const fine = await refresh(undefined, {
        cookie: cookieHeader(victim),
        'x-csrf-token': victim.claimdesk_csrf.value,
      });
      expect(fine.statusCode).toBe(200);
    });

    it('does not take a browser session’s token in the body (it needs its CSRF token)', async () => {
      const cookies = cookiesOf((await signIn('cookie')).response);
      const response = await refresh({ refreshToken: cookies.claimdesk_refresh.value });
      expect(response.statusCode).toBe(403);
    });

    it('clears the cookies when the session cannot be renewed', async () => {
      const cookies = cookiesOf((await signIn('cookie')).response);
      const headers = { cookie: cookieHeader(cookies), 'x-csrf-token': cookies.claimdesk_csrf.value };
      expect((await refresh(undefined, headers)).statusCode).toBe(200);
      const reused = await refresh(undefined, headers);
      expect(reused.statusCode).toBe(401);
      const cleared = cookiesOf(reused);
      expect(cleared.claimdesk_refresh.value).toBe('');
      expect(cleared.claimdesk_csrf.value).toBe('');
    });

    it('signs out with the cookie and X-CSRF-Token: 204, cookies cleared, session ended', async () => {
      const cookies = cookiesOf((await signIn('cookie')).response);
      const headers = { cookie: cookieHeader(cookies), 'x-csrf-token': cookies.claimdesk_csrf.value };
      expect((await logout(undefined, { cookie: cookieHeader(cookies) })).statusCode).toBe(403);
      const out = await logout(undefined, headers);
      expect(out.statusCode).toBe(204);
      const cleared = cookiesOf(out);
      expect(cleared.claimdesk_refresh.attributes).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
      expect((await refresh(undefined, headers)).statusCode).toBe(401);
    });

    it('drops the Secure flag only when SESSION_COOKIE_SECURE=false', async () => {
      const plain = await startTestApi({ SESSION_COOKIE_SECURE: 'false' });
      try {
        const { user, password } = await createUserSession(plain, { roles: ['editor'] });
        const response = await plain.request({
          method: 'POST',
          url: '/v1/auth/login',
          as: 'anonymous',
          payload: { email: user!.email, password, session: 'cookie' },
        });
        expect(cookiesOf(response).claimdesk_refresh.attributes).not.toMatch(/Secure/);
      } finally {
        await plain.close();
      }
    });
  });
});
