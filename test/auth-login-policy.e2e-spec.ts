import { MAX_LOGIN_DELAY_MS, UsersService } from '@claimdesk/auth';
import { createUserSession, startTestApi, TestApi } from '@claimdesk/testing';

describe('auth: sign-in policy (no parallel guessing, no lockout by strangers)', () => {
  let api: TestApi;
  let ip = 0;
  const nextIp = () => `10.4.0.${++ip}`;
  const login = (email: string, password: string, remoteAddress: string) =>
    api.request({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password },
      as: 'anonymous',
      remoteAddress,
    });
  const timed = async (email: string, password: string, remoteAddress: string) => {
    const started = Date.now();
    const response = await login(email, password, remoteAddress);
    return { status: response.statusCode, ms: Date.now() - started };
  };

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('evaluates exactly 5 of 60 parallel wrong passwords from one address; the rest are 429 unevaluated', async () => {
    const { user } = await createUserSession(api);
    const users = api.app.get(UsersService);
    const verify = jest.spyOn(users, 'verifyCredentials');
    try {
      const address = nextIp();
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => login(user!.email, `wrong-password-${i}`, address)),
      );
      const statuses = answers.map((answer) => answer.statusCode);
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(55);
      expect(verify.mock.calls.filter(([email]) => email === user!.email)).toHaveLength(5);
    } finally {
      verify.mockRestore();
    }
  });

  it('never refuses the right password from a new address because others failed, only slows it (≤ 5 s)', async () => {
    const { user, password } = await createUserSession(api);
    const email = user!.email;
    const home = nextIp();
    expect((await login(email, password!, home)).statusCode).toBe(200);

    // 5 wrong passwords from each of 10 addresses: each address is walled off for this account.
    const attackers = Array.from({ length: 10 }, nextIp);
    const failures = await Promise.all(
      attackers.flatMap((address) =>
        Array.from({ length: 5 }, (_, i) => login(email, `guess-${address}-${i}`, address)),
      ),
    );
    expect(failures.every((response) => response.statusCode === 401)).toBe(true);
    expect((await login(email, password!, attackers[0])).statusCode).toBe(429);

    // The right password from a fresh address: slowed down (50 failures → the cap), but let in.
    const fresh = await timed(email, password!, nextIp());
    expect(fresh.status).toBe(200);
    expect(fresh.ms).toBeGreaterThanOrEqual(MAX_LOGIN_DELAY_MS - 50);
    expect(fresh.ms).toBeLessThan(MAX_LOGIN_DELAY_MS + 2000);
    // A wrong password from a fresh address waits as long, so the delay tells nothing.
    const wrong = await timed(email, 'yet another guess', nextIp());
    expect(wrong.status).toBe(401);
    expect(wrong.ms).toBeGreaterThanOrEqual(MAX_LOGIN_DELAY_MS - 50);
    // The address the user signed in from before is not slowed down at all.
    const known = await timed(email, password!, home);
    expect(known.status).toBe(200);
    expect(known.ms).toBeLessThan(MAX_LOGIN_DELAY_MS / 2);
  });

  it('keeps the event loop free while a sign-in waits out its delay', async () => {
    const { user } = await createUserSession(api);
    await Promise.all(
      Array.from({ length: 5 }, nextIp).flatMap((address) =>
        Array.from({ length: 5 }, (_, i) => login(user!.email, `guess-${i}`, address)),
      ),
    );
    // 25 failures: each further attempt for the account waits about 2 s.
    const slow = login(user!.email, 'one more guess', nextIp());
    const started = Date.now();
    const health = await api.request({ method: 'GET', url: '/health/live', as: 'anonymous' });
    expect(health.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await slow).statusCode).toBe(401);
  });
});
