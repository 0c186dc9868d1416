import { JwtService } from '@nestjs/jwt';
import { AuthService } from '@claimdesk/auth';
import { createUserSession, startTestApi, TestApi, TestRequest, TestResponse } from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Every response this suite sees, to check that no password or hash ever leaves the server. */
const seen: TestResponse[] = [];
const passwords: string[] = [];

describe('auth: sign-in, tokens and users', () => {
  let api: TestApi;
  let ip = 0;
  /** A fresh client address per test keeps the failed-login counters of tests apart. */
  const nextIp = () => `10.1.0.${++ip}`;

  const send = async (options: TestRequest): Promise<TestResponse> => {
    const response = await api.request(options);
    seen.push(response);
    return response;
  };
  const login = (email: string, password: string, remoteAddress: string) => {
    passwords.push(password);
    return send({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password },
      as: 'anonymous',
      remoteAddress,
    });
  };
  const newUser = async (roles: ('admin' | 'editor' | 'fact_checker')[] = ['fact_checker']) => {
    const session = await createUserSession(api, { roles });
    passwords.push(session.password!);
    return session;
  };

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  // Runs last (jest keeps declaration order): every password this suite used, against every answer it got.
  afterAll(() => {
    expect(seen.length).toBeGreaterThan(0);
    const secrets = passwords.filter((password) => password.length >= 12);
    for (const response of seen) {
      for (const password of secrets) expect(response.body).not.toContain(password);
      expect(response.body).not.toMatch(/\$argon2|password_?hash/i);
    }
  });

  describe('POST /v1/auth/login', () => {
    it('signs in with the right password and the token opens /v1/me', async () => {
      const { user, password } = await newUser(['editor']);
      const response = await login(user!.email.toUpperCase(), password!, nextIp());
      expect(response.statusCode).toBe(200);
      expect(response.data).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        tokenType: 'Bearer',
        expiresIn: 900,
        user: expect.objectContaining({ id: user!.id, email: user!.email, roles: ['editor'] }),
        refreshToken: expect.stringMatching(/^crt_[\w-]{43}$/),
        refreshExpiresIn: 12 * 3600,
      });
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(Object.keys(response.data.user)).not.toContain('password');
      const token = response.data.accessToken as string;
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      expect(claims.exp - claims.iat).toBe(900);

      const me = await send({
        method: 'GET',
        url: '/v1/me',
        as: 'anonymous',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.data).toMatchObject({
        kind: 'user',
        id: user!.id,
        name: user!.name,
        roles: ['editor'],
        user: { id: user!.id, email: user!.email, handle: user!.handle, notificationPreferences: {} },
      });
    });

    it('answers a wrong password, an unknown e-mail and a disabled account with the same 401', async () => {
      const { user, password } = await newUser();
      const disabled = await newUser();
      const patched = await send({
        method: 'PATCH',
        url: `/v1/users/${disabled.user!.id}`,
        payload: { active: false },
      });
      expect(patched.statusCode).toBe(200);

      const wrongPassword = await login(user!.email, `${password}x`, nextIp());
      const unknownEmail = await login(`nobody-${randomUUID()}@test.claimdesk.dev`, password!, nextIp());
      const disabledLogin = await login(disabled.user!.email, disabled.password!, nextIp());
      for (const response of [wrongPassword, unknownEmail, disabledLogin]) {
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      expect(unknownEmail.body).toBe(wrongPassword.body);
      expect(disabledLogin.body).toBe(wrongPassword.body);
      expect(wrongPassword.data).toMatchObject({ status: 401, title: 'Authentication required' });
    });

    it('spends as long on an unknown e-mail as on a wrong password (no timing oracle)', async () => {
      const { user } = await newUser();
      const time = async (email: string) => {
        const started = process.hrtime.bigint();
        const response = await login(email, 'not-the-password-at-all', nextIp());
        expect(response.statusCode).toBe(401);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 3; i++) {
        known.push(await time(user!.email));
        unknown.push(await time(`ghost-${randomUUID()}@test.claimdesk.dev`));
      }
      // An argon2 verification takes milliseconds; a skipped one would make unknown addresses far faster.
      expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.5);
    });

    it('rate limits repeated failures per e-mail and address with 429 and Retry-After', async () => {
      const { user, password } = await newUser();
      const address = nextIp();
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect((await login(user!.email, `wrong-${attempt}-password`, address)).statusCode).toBe(401);
      }
      const blocked = await login(user!.email, password!, address);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['content-type']).toContain('application/problem+json');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
      expect(blocked.data).toMatchObject({ status: 429, title: 'Too many requests' });

      // Another address is not punished for this one's failures, and its success clears nothing here.
      expect((await login(user!.email, password!, nextIp())).statusCode).toBe(200);
      expect((await login(user!.email, password!, address)).statusCode).toBe(429);
    });

    it('forgives earlier mistypes after a successful sign-in', async () => {
      const { user, password } = await newUser();
      const address = nextIp();
      for (let attempt = 1; attempt <= 4; attempt++) {
        expect((await login(user!.email, 'wrong-password-here', address)).statusCode).toBe(401);
      }
      expect((await login(user!.email, password!, address)).statusCode).toBe(200);
      for (let attempt = 1; attempt <= 4; attempt++) {
        expect((await login(user!.email, 'wrong-password-here', address)).statusCode).toBe(401);
      }
      expect((await login(user!.email, password!, address)).statusCode).toBe(200);
    });

    it('rejects malformed bodies with 400 and field errors', async () => {
      const missing = await send({ method: 'POST', url: '/v1/auth/login', payload: {}, as: 'anonymous' });
      expect(missing.statusCode).toBe(400);
      expect(new Set(missing.data.errors.map((error: { field: string }) => error.field))).toEqual(
        new Set(['email', 'password']),
      );
      const extra = await send({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: 'a@b.c', password: 'x', remember: true },
        as: 'anonymous',
      });
      expect(extra.statusCode).toBe(400);
      expect(extra.data.errors).toEqual([expect.objectContaining({ field: 'remember' })]);
    });

    it('neither stores nor replays a login under an Idempotency-Key', async () => {
      const { user, password } = await newUser();
      const request = {
        method: 'POST' as const,
        url: '/v1/auth/login',
        payload: { email: user!.email, password: password! },
        as: 'anonymous' as const,
        remoteAddress: nextIp(),
        headers: { 'idempotency-key': `login-${randomUUID()}` },
      };
      const first = await send(request);
      const second = await send(request);
      expect(first.statusCode).toBe(200);
      expect(second.statusCode).toBe(200);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      const [stored] = await api.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE path = '/v1/auth/login'`);
      expect(stored.n).toBe(0);
    });
  });

  describe('tokens', () => {
    const asToken = (token: string) =>
      send({ method: 'GET', url: '/v1/me', as: 'anonymous', headers: { authorization: `Bearer ${token}` } });

    it('refuses missing, malformed, foreign, tampered and expired tokens with 401 and WWW-Authenticate', async () => {
      const { principal } = await newUser();
      const jwt = api.app.get(JwtService);
      const now = Math.floor(Date.now() / 1000);
      const expired = await jwt.signAsync({
        sub: principal.id,
        typ: 'access',
        iat: now - 1000,
        exp: now - 10,
      });
      const foreign = await new JwtService({ secret: 'another-secret-another-secret-123' }).signAsync({
        sub: principal.id,
        typ: 'access',
      });
      const valid = await jwt.signAsync({ sub: principal.id, typ: 'access' }, { expiresIn: 60 });
      const [header, payload, signature] = valid.split('.');
      const tampered = `${header}.${Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: randomUUID() }),
      ).toString('base64url')}.${signature}`;
      const wrongType = await jwt.signAsync({ sub: principal.id, typ: 'refresh' }, { expiresIn: 60 });
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;

      const none = await send({ method: 'GET', url: '/v1/me', as: 'anonymous' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer realm="claimdesk"');
      expect(none.headers['content-type']).toContain('application/problem+json');

      const basic = await send({
        method: 'GET',
        url: '/v1/me',
        as: 'anonymous',
        headers: { authorization: 'Basic dXNlcjpwYXNz' },
      });
      expect(basic.statusCode).toBe(401);
      expect(basic.headers['www-authenticate']).toContain('error="invalid_request"');

      const expiredResponse = await asToken(expired);
      expect(expiredResponse.statusCode).toBe(401);
      expect(expiredResponse.data.detail).toMatch(/expired/);
      expect(expiredResponse.headers['www-authenticate']).toContain('error="invalid_token"');

      for (const token of [foreign, tampered, wrongType, unsigned, 'garbage', 'ck_short']) {
        const response = await asToken(token);
        expect({ token, status: response.statusCode }).toEqual({ token, status: 401 });
        expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
      }
      expect((await asToken(valid)).statusCode).toBe(200);
    });

    it('ends a disabled user’s tokens at once and for good: re-enabling revives none', async () => {
      const { user, headers, password } = await newUser();
      const signedIn = await login(user!.email, password!, nextIp());
      const streamToken = (
        await send({ method: 'POST', url: '/v1/notifications/stream-token', as: 'anonymous', headers })
      ).data.token as string;
      expect((await send({ method: 'GET', url: '/v1/me', as: 'anonymous', headers })).statusCode).toBe(200);
      await send({ method: 'PATCH', url: `/v1/users/${user!.id}`, payload: { active: false } });
      const refused = await send({ method: 'GET', url: '/v1/me', as: 'anonymous', headers });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toContain('invalid_token');
      await send({ method: 'PATCH', url: `/v1/users/${user!.id}`, payload: { active: true } });

      expect((await send({ method: 'GET', url: '/v1/me', as: 'anonymous', headers })).statusCode).toBe(401);
      expect((await asToken(signedIn.data.accessToken)).statusCode).toBe(401);
      await expect(api.app.get(AuthService).authenticateStreamToken(streamToken)).rejects.toThrow();
      const refresh = await send({
        method: 'POST',
        url: '/v1/auth/refresh',
        as: 'anonymous',
        payload: { refreshToken: signedIn.data.refreshToken },
      });
      expect(refresh.statusCode).toBe(401);
      // The account itself works again: a new sign-in gets new tokens.
      const again = await login(user!.email, password!, nextIp());
      expect(again.statusCode).toBe(200);
      expect((await asToken(again.data.accessToken)).statusCode).toBe(200);
    });

    it('refuses access and stream tokens without an expiry', async () => {
      const { user } = await newUser();
      const jwt = api.app.get(JwtService);
      const forever = await jwt.signAsync({ sub: user!.id, typ: 'access', ver: 0 });
      expect(JSON.parse(Buffer.from(forever.split('.')[1], 'base64url').toString()).exp).toBeUndefined();
      const refused = await asToken(forever);
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toContain('error="invalid_token"');
      const stream = await jwt.signAsync(
        { sub: user!.id, typ: 'stream', ver: 0 },
        { audience: 'claimdesk:notifications-stream' },
      );
      await expect(api.app.get(AuthService).authenticateStreamToken(stream)).rejects.toThrow(/invalid/);
      const streamWithExpiry = await jwt.signAsync(
        { sub: user!.id, typ: 'stream', ver: 0 },
        { audience: 'claimdesk:notifications-stream', expiresIn: 60 },
      );
      await expect(api.app.get(AuthService).authenticateStreamToken(streamWithExpiry)).resolves.toMatchObject(
        {
          id: user!.id,
        },
      );
    });

    it('ends access tokens issued before a password change; a new sign-in works', async () => {
      const { user, password, headers: harnessHeaders } = await newUser(['editor']);
      const signedIn = await login(user!.email, password!, nextIp());
      expect(signedIn.statusCode).toBe(200);
      const oldToken = signedIn.data.accessToken as string;
      const claims = JSON.parse(Buffer.from(oldToken.split('.')[1], 'base64url').toString());
      expect(claims.ver).toBe(0);
      expect((await asToken(oldToken)).statusCode).toBe(200);

      // Other changes leave existing tokens alone (roles and `active` are read on every request).
      await send({
        method: 'PATCH',
        url: `/v1/users/${user!.id}`,
        payload: { name: 'Renamed', roles: ['fact_checker'] },
      });
      expect((await asToken(oldToken)).statusCode).toBe(200);

      const changed = 'another brand new passphrase';
      passwords.push(changed);
      const patch = await send({
        method: 'PATCH',
        url: `/v1/users/${user!.id}`,
        payload: { password: changed },
      });
      expect(patch.statusCode).toBe(200);

      for (const stale of [oldToken, harnessHeaders.authorization.slice('Bearer '.length)]) {
        const refused = await asToken(stale);
        expect(refused.statusCode).toBe(401);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.data.detail).toBe(
          'The access token was issued before a password change; sign in again.',
        );
        expect(refused.headers['www-authenticate']).toContain('error="invalid_token"');
      }
      // A token minted by hand without `ver` counts as version 0, which is no longer current either.
      const unversioned = await api.app
        .get(JwtService)
        .signAsync({ sub: user!.id, typ: 'access' }, { expiresIn: 60 });
      expect((await asToken(unversioned)).statusCode).toBe(401);

      expect((await login(user!.email, password!, nextIp())).statusCode).toBe(401);
      const again = await login(user!.email, changed, nextIp());
      expect(again.statusCode).toBe(200);
      const newToken = again.data.accessToken as string;
      expect(JSON.parse(Buffer.from(newToken.split('.')[1], 'base64url').toString()).ver).toBe(1);
      const me = await asToken(newToken);
      expect(me.statusCode).toBe(200);
      expect(me.data).toMatchObject({ id: user!.id, name: 'Renamed', roles: ['fact_checker'] });
    });

    it('ends stream tokens issued before a password change', async () => {
      const { user, headers } = await newUser(['fact_checker']);
      const issued = await send({
        method: 'POST',
        url: '/v1/notifications/stream-token',
        as: 'anonymous',
        headers,
      });
      expect(issued.statusCode).toBe(200);
      const token = issued.data.token as string;
      const auth = api.app.get(AuthService);
      await expect(auth.authenticateStreamToken(token)).resolves.toMatchObject({ id: user!.id });

      passwords.push('stream passphrase changed');
      await send({
        method: 'PATCH',
        url: `/v1/users/${user!.id}`,
        payload: { password: 'stream passphrase changed' },
      });
      await expect(auth.authenticateStreamToken(token)).rejects.toThrow(/issued before a password change/);
      const refused = await send({
        method: 'GET',
        url: `/v1/notifications/stream?token=${encodeURIComponent(token)}`,
        as: 'anonymous',
      });
      expect(refused.statusCode).toBe(401);
      expect(refused.data.detail).toBe(
        'The stream token was issued before a password change; ask for a new one.',
      );
    });

    it('refuses a token whose version claim is not a version', async () => {
      const { user } = await newUser();
      const jwt = api.app.get(JwtService);
      for (const ver of [-1, 1.5, '0', null, 1]) {
        const token = await jwt.signAsync({ sub: user!.id, typ: 'access', ver }, { expiresIn: 60 });
        const response = await asToken(token);
        expect({ ver, status: response.statusCode }).toEqual({ ver, status: 401 });
      }
      const current = await jwt.signAsync({ sub: user!.id, typ: 'access', ver: 0 }, { expiresIn: 60 });
      expect((await asToken(current)).statusCode).toBe(200);
    });

    it('applies role changes on the next request', async () => {
      const { user, headers } = await newUser(['fact_checker']);
      const before = await send({ method: 'GET', url: '/v1/users', as: 'anonymous', headers });
      expect(before.statusCode).toBe(403);
      expect(before.headers['content-type']).toContain('application/problem+json');
      await send({ method: 'PATCH', url: `/v1/users/${user!.id}`, payload: { roles: ['editor'] } });
      expect((await send({ method: 'GET', url: '/v1/users', as: 'anonymous', headers })).statusCode).toBe(
        200,
      );
    });
  });

  describe('users', () => {
    const create = (payload: Record<string, unknown>) => {
      if (typeof payload.password === 'string') passwords.push(payload.password);
      return send({ method: 'POST', url: '/v1/users', payload });
    };
    const tag = () => randomUUID().slice(0, 8);

    it('creates a user with a derived handle, lower-cased e-mail and no password in the answer', async () => {
      const t = tag();
      const response = await create({
        email: ` Ana.Lucic+${t}@Desk.Example `,
        name: ' Ana Lučić ',
        password: 'correct horse battery staple',
        roles: ['fact_checker', 'editor'],
        expertise: ['balkans'],
      });
      expect(response.statusCode).toBe(201);
      expect(response.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email: `ana.lucic+${t}@desk.example`,
        name: 'Ana Lučić',
        handle: `ana_lucic_${t}`,
        roles: ['fact_checker', 'editor'],
        expertise: ['balkans'],
        active: true,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const signedIn = await login(`ana.lucic+${t}@desk.example`, 'correct horse battery staple', nextIp());
      expect(signedIn.statusCode).toBe(200);
    });

    it('gives a taken derived handle a number, and refuses a taken e-mail or explicit handle with 409', async () => {
      const t = tag();
      const first = await create({
        email: `sam${t}@a.example`,
        name: 'Sam',
        password: 'long-enough-pass',
        roles: ['editor'],
      });
      const second = await create({
        email: `sam${t}@b.example`,
        name: 'Sam B',
        password: 'long-enough-pass',
        roles: ['editor'],
      });
      expect(first.data.handle).toBe(`sam${t}`);
      expect(second.data.handle).toBe(`sam${t}_2`);
      const sameEmail = await create({
        email: `SAM${t}@A.example`,
        name: 'Sam again',
        password: 'long-enough-pass',
        roles: ['editor'],
      });
      expect(sameEmail.statusCode).toBe(409);
      expect(sameEmail.data.detail).toMatch(/e-mail/);
      const sameHandle = await create({
        email: `other${t}@a.example`,
        name: 'Other',
        password: 'long-enough-pass',
        roles: ['editor'],
        handle: `sam${t}`,
      });
      expect(sameHandle.statusCode).toBe(409);
      expect(sameHandle.data.detail).toMatch(/handle/);
    });

    it('validates the body: short password, bad e-mail, unknown role, empty roles, unknown field', async () => {
      const response = await create({
        email: 'not-an-email',
        name: '',
        password: 'short',
        roles: ['newsroom'],
        handle: 'Has Spaces',
        superuser: true,
      });
      expect(response.statusCode).toBe(400);
      const fields = new Set(response.data.errors.map((error: { field: string }) => error.field));
      expect(fields).toEqual(new Set(['email', 'name', 'password', 'roles', 'handle', 'superuser']));
      const noRoles = await create({
        email: `x${tag()}@a.example`,
        name: 'X',
        password: 'long-enough-pass',
        roles: [],
      });
      expect(noRoles.statusCode).toBe(400);
      expect(noRoles.data.errors).toEqual([expect.objectContaining({ field: 'roles' })]);
    });

    it('lists users in cursor pages, filtered by role, activity and text', async () => {
      const t = tag();
      for (const n of [1, 2, 3]) {
        await create({
          email: `page${t}-${n}@list.example`,
          name: `Pager ${n}`,
          password: 'long-enough-pass',
          roles: ['fact_checker'],
        });
      }
      const collected: string[] = [];
      let cursor: string | null = null;
      do {
        const page: TestResponse = await send({
          method: 'GET',
          url: `/v1/users?q=page${t}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        });
        expect(page.statusCode).toBe(200);
        expect(page.data.items.length).toBeLessThanOrEqual(2);
        collected.push(...page.data.items.map((item: { email: string }) => item.email));
        cursor = page.data.nextCursor;
      } while (cursor);
      expect(collected).toEqual([1, 2, 3].map((n) => `page${t}-${n}@list.example`));

      const editors = await send({ method: 'GET', url: '/v1/users?role=editor&limit=100' });
      expect(editors.data.items.every((item: { roles: string[] }) => item.roles.includes('editor'))).toBe(
        true,
      );
      const inactive = await send({ method: 'GET', url: '/v1/users?active=false&limit=100' });
      expect(inactive.data.items.every((item: { active: boolean }) => !item.active)).toBe(true);

      for (const bad of [
        'limit=0',
        'limit=101',
        'cursor=!!',
        'cursor=bm9wZQ',
        'role=newsroom',
        'active=maybe',
        'extra=1',
      ]) {
        const response = await send({ method: 'GET', url: `/v1/users?${bad}` });
        expect({ bad, status: response.statusCode }).toEqual({ bad, status: 400 });
      }
    });

    it('reads and patches one user with ETag / If-Match; bad and unknown ids are 400 and 404', async () => {
      const { user } = await newUser();
      const read = await send({ method: 'GET', url: `/v1/users/${user!.id}` });
      expect(read.statusCode).toBe(200);
      expect(read.headers.etag).toBe('W/"1"');

      const stale = await send({
        method: 'PATCH',
        url: `/v1/users/${user!.id}`,
        payload: { name: 'Renamed' },
        headers: { 'if-match': 'W/"7"' },
      });
      expect(stale.statusCode).toBe(412);
      const patched = await send({
        method: 'PATCH',
        url: `/v1/users/${user!.id}`,
        payload: { name: 'Renamed', expertise: ['health'], handle: `renamed_${tag()}` },
        headers: { 'if-match': 'W/"1"' },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.headers.etag).toBe('W/"2"');
      expect(patched.data).toMatchObject({ name: 'Renamed', expertise: ['health'], version: 2 });

      const badId = await send({ method: 'GET', url: '/v1/users/not-a-uuid' });
      expect(badId.statusCode).toBe(400);
      // The same answer as every other route's bad path id: problem+json naming the parameter.
      expect(badId.data.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
      const missing = await send({ method: 'GET', url: `/v1/users/${randomUUID()}` });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(
        (await send({ method: 'PATCH', url: `/v1/users/${randomUUID()}`, payload: {} })).statusCode,
      ).toBe(404);
      const badPatch = await send({
        method: 'PATCH',
        url: `/v1/users/${user!.id}`,
        payload: { password: 'short', roles: ['root'], active: 'yes', email: 'x@y.z' },
      });
      expect(badPatch.statusCode).toBe(400);
      expect(new Set(badPatch.data.errors.map((error: { field: string }) => error.field))).toEqual(
        new Set(['password', 'roles', 'active', 'email']),
      );
    });

    it('changes a password: the new one signs in, the old one no longer does', async () => {
      const { user, password } = await newUser();
      const changed = 'a brand new passphrase';
      passwords.push(changed);
      const response = await send({
        method: 'PATCH',
        url: `/v1/users/${user!.id}`,
        payload: { password: changed },
      });
      expect(response.statusCode).toBe(200);
      expect((await login(user!.email, password!, nextIp())).statusCode).toBe(401);
      expect((await login(user!.email, changed, nextIp())).statusCode).toBe(200);
    });

    it('lets editors list users but only admins create or change them', async () => {
      const { user } = await newUser();
      expect((await send({ method: 'GET', url: '/v1/users', as: 'editor' })).statusCode).toBe(200);
      expect((await send({ method: 'GET', url: `/v1/users/${user!.id}`, as: 'editor' })).statusCode).toBe(
        200,
      );
      expect((await send({ method: 'GET', url: '/v1/users', as: 'fact_checker' })).statusCode).toBe(403);
      expect((await send({ method: 'GET', url: '/v1/users', as: 'newsroom' })).statusCode).toBe(403);
      const payload = {
        email: `e${tag()}@a.example`,
        name: 'E',
        password: 'long-enough-pass',
        roles: ['admin'],
      };
      passwords.push(payload.password);
      expect((await send({ method: 'POST', url: '/v1/users', payload, as: 'editor' })).statusCode).toBe(403);
      expect(
        (
          await send({
            method: 'PATCH',
            url: `/v1/users/${user!.id}`,
            payload: { roles: ['admin'] },
            as: 'editor',
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('API keys', () => {
    it('issues a key once, lists it without secrets, records its use and revokes it', async () => {
      const issued = await send({
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'Daily Ledger', role: 'newsroom' },
      });
      expect(issued.statusCode).toBe(201);
      expect(issued.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        key: expect.stringMatching(/^ck_[A-Za-z0-9_-]{43}$/),
        prefix: expect.any(String),
        name: 'Daily Ledger',
        role: 'newsroom',
        createdAt: expect.any(String),
      });
      const { id, key, prefix } = issued.data as { id: string; key: string; prefix: string };
      expect(prefix).toBe(key.slice(3, 11));
      const headers = { authorization: `Bearer ${key}` };

      const listed = await send({ method: 'GET', url: '/v1/api-keys?limit=100' });
      const entry = listed.data.items.find((item: { id: string }) => item.id === id);
      expect(entry).toEqual({
        id,
        name: 'Daily Ledger',
        role: 'newsroom',
        prefix,
        createdBy: expect.any(String),
        createdAt: issued.data.createdAt,
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(listed.body).not.toContain(key);
      expect(listed.body).not.toMatch(/hash/i);

      const me = await send({ method: 'GET', url: '/v1/me', as: 'anonymous', headers });
      expect(me.statusCode).toBe(200);
      expect(me.data).toMatchObject({ kind: 'api_key', id, name: 'Daily Ledger', roles: ['newsroom'] });
      expect(me.data.apiKey).toMatchObject({ id, prefix, revokedAt: null });
      expect(me.body).not.toContain(key);

      const used = (await send({ method: 'GET', url: '/v1/api-keys?limit=100' })).data.items.find(
        (item: { id: string }) => item.id === id,
      );
      expect(Date.parse(used.lastUsedAt)).toBeGreaterThan(Date.parse(issued.data.createdAt) - 1000);
      // Within the minute a second use does not write again.
      await send({ method: 'GET', url: '/v1/me', as: 'anonymous', headers });
      const again = (await send({ method: 'GET', url: '/v1/api-keys?limit=100' })).data.items.find(
        (item: { id: string }) => item.id === id,
      );
      expect(again.lastUsedAt).toBe(used.lastUsedAt);

      // A newsroom key may not manage keys or users.
      expect((await send({ method: 'GET', url: '/v1/api-keys', as: 'anonymous', headers })).statusCode).toBe(
        403,
      );

      expect((await send({ method: 'DELETE', url: `/v1/api-keys/${id}` })).statusCode).toBe(204);
      const refused = await send({ method: 'GET', url: '/v1/me', as: 'anonymous', headers });
      expect(refused.statusCode).toBe(401);
      expect(refused.data.detail).toMatch(/revoked/);
      expect((await send({ method: 'DELETE', url: `/v1/api-keys/${id}` })).statusCode).toBe(204);
      const revoked = (await send({ method: 'GET', url: '/v1/api-keys?limit=100' })).data.items.find(
        (item: { id: string }) => item.id === id,
      );
      expect(revoked.revokedAt).toEqual(expect.any(String));
    });

    it('lets a stale last-used time be refreshed after a minute', async () => {
      const issued = await send({
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'Old key', role: 'newsroom' },
      });
      const { id, key } = issued.data as { id: string; key: string };
      const dataSource = api.app.get(DataSource);
      await dataSource.query(
        `UPDATE api_keys SET last_used_at = now() - interval '5 minutes' WHERE id = $1`,
        [id],
      );
      const [{ before }] = await dataSource.query(
        `SELECT last_used_at AS before FROM api_keys WHERE id = $1`,
        [id],
      );
      await send({
        method: 'GET',
        url: '/v1/me',
        as: 'anonymous',
        headers: { authorization: `Bearer ${key}` },
      });
      const [{ after }] = await dataSource.query(`SELECT last_used_at AS after FROM api_keys WHERE id = $1`, [
        id,
      ]);
      expect(after.getTime()).toBeGreaterThan(before.getTime() + 4 * 60_000);
      const [{ stored }] = await dataSource.query(`SELECT key_hash AS stored FROM api_keys WHERE id = $1`, [
        id,
      ]);
      expect(stored).toMatch(/^[0-9a-f]{64}$/);
      expect(stored).not.toContain(key.slice(3));
    });

    it('pages keys newest first and validates input', async () => {
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        ids.push(
          (
            await send({
              method: 'POST',
              url: '/v1/api-keys',
              payload: { name: `Pager ${n}`, role: 'newsroom' },
            })
          ).data.id,
        );
      }
      const first = await send({ method: 'GET', url: '/v1/api-keys?limit=2' });
      expect(first.data.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
      const second = await send({
        method: 'GET',
        url: `/v1/api-keys?limit=2&cursor=${first.data.nextCursor}`,
      });
      expect(second.data.items[0].id).toBe(ids[0]);

      const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
      expect((await send({ method: 'GET', url: `/v1/api-keys?cursor=${forged}` })).statusCode).toBe(400);
      const badRole = await send({
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'X', role: 'admin' },
      });
      expect(badRole.statusCode).toBe(400);
      expect(badRole.data.errors).toEqual([expect.objectContaining({ field: 'role' })]);
      expect(
        (await send({ method: 'POST', url: '/v1/api-keys', payload: { role: 'newsroom' } })).statusCode,
      ).toBe(400);
      expect((await send({ method: 'DELETE', url: '/v1/api-keys/nope' })).statusCode).toBe(400);
      expect((await send({ method: 'DELETE', url: `/v1/api-keys/${randomUUID()}` })).statusCode).toBe(404);
      expect(
        (
          await send({
            method: 'POST',
            url: '/v1/api-keys',
            payload: { name: 'X', role: 'newsroom' },
            as: 'editor',
          })
        ).statusCode,
      ).toBe(403);
    });
  });
});
