import { startTestApi, TestApi } from '@claimdesk/testing';
// The very module object sonic-boom calls (an ES namespace import would be a frozen copy).
const fs = jest.requireActual<typeof import('node:fs')>('node:fs');

/**
 * pino writes to file descriptor 1 through sonic-boom (fs.write / fs.writeSync, not
 * process.stdout.write), so the test captures those calls for fds 1 and 2.
 */
function captureProcessOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const toText = (data: unknown) => (Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
  const realWrite = fs.write;
  const realWriteSync = fs.writeSync;
  const write = jest.spyOn(fs, 'write').mockImplementation(((
    fd: number,
    data: unknown,
    ...rest: unknown[]
  ) => {
    if (fd !== 1 && fd !== 2) return (realWrite as (...args: unknown[]) => void)(fd, data, ...rest);
    const text = toText(data);
    chunks.push(text);
    const callback = rest.find((arg) => typeof arg === 'function') as
      ((error: null, written: number) => void) | undefined;
    process.nextTick(() => callback?.(null, Buffer.byteLength(text)));
  }) as typeof fs.write);
  const writeSync = jest.spyOn(fs, 'writeSync').mockImplementation(((
    fd: number,
    data: unknown,
    ...rest: unknown[]
  ) => {
    if (fd !== 1 && fd !== 2) return (realWriteSync as (...args: unknown[]) => number)(fd, data, ...rest);
    const text = toText(data);
    chunks.push(text);
    return Buffer.byteLength(text);
  }) as typeof fs.writeSync);
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((data: unknown) => {
    chunks.push(toText(data));
    return true;
  });
  return {
    text: () => chunks.join(''),
    restore: () => {
      write.mockRestore();
      writeSync.mockRestore();
      stdout.mockRestore();
    },
  };
}

describe('auth: secrets never reach the logs', () => {
  let api: TestApi;
  let output: ReturnType<typeof captureProcessOutput>;

  beforeAll(async () => {
    output = captureProcessOutput();
    api = await startTestApi({ LOG_LEVEL: 'trace' });
  });
  afterAll(async () => {
    await api.close();
    output.restore();
  });

  it('logs requests in detail but no password, hash, access token or API key', async () => {
    const password = 'logged-nowhere-password-1';
    const newPassword = 'logged-nowhere-password-2';
    const invalidPassword = 'tooshort-pw';
    const email = `log-${Date.now()}@test.claimdesk.dev`;

    const created = await api.request({
      method: 'POST',
      url: '/v1/users',
      payload: { email, name: 'Logged', password, roles: ['editor'] },
    });
    expect(created.statusCode).toBe(201);
    const invalid = await api.request({
      method: 'POST',
      url: '/v1/users',
      payload: { email: `x${email}`, name: 'X', password: invalidPassword, roles: ['editor'] },
    });
    expect(invalid.statusCode).toBe(400);
    const failed = await api.request({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password: newPassword },
      as: 'anonymous',
    });
    expect(failed.statusCode).toBe(401);
    const signedIn = await api.request({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password },
      as: 'anonymous',
    });
    expect(signedIn.statusCode).toBe(200);
    const token = signedIn.data.accessToken as string;
    await api.request({
      method: 'PATCH',
      url: `/v1/users/${created.data.id}`,
      payload: { password: newPassword },
    });
    const key = (
      await api.request({
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'Logged key', role: 'newsroom' },
      })
    ).data.key as string;
    expect(key).toMatch(/^ck_/);
    for (const authorization of [`Bearer ${token}`, `Bearer ${key}`, `Bearer ${key.slice(0, -1)}x`]) {
      await api.request({ method: 'GET', url: '/v1/me', as: 'anonymous', headers: { authorization } });
    }
    // A stream token in the query, and a browser session's cookies and CSRF header.
    const streamToken = (
      await api.request({ method: 'POST', url: '/v1/notifications/stream-token', as: 'fact_checker' })
    ).data.token as string;
    await api.request({
      method: 'GET',
      url: `/v1/notifications/stream?token=${streamToken}&api_key=${key}`,
      as: 'anonymous',
      headers: { authorization: 'Bearer x' },
    });
    const browser = await api.request({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password: newPassword, session: 'cookie' },
      as: 'anonymous',
    });
    expect(browser.statusCode).toBe(200);
    const cookies = ([] as string[])
      .concat(browser.headers['set-cookie'] as string[])
      .map((line) => line.split(';')[0]);
    const [refreshToken, csrfToken] = ['claimdesk_refresh=', 'claimdesk_csrf='].map((name) =>
      cookies.find((cookie) => cookie.startsWith(name))!.slice(name.length),
    );
    const refreshed = await api.request({
      method: 'POST',
      url: '/v1/auth/refresh',
      as: 'anonymous',
      headers: { cookie: cookies.join('; '), 'x-csrf-token': csrfToken },
    });
    expect(refreshed.statusCode).toBe(200);
    const bodyToken = (
      await api.request({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email, password: newPassword },
        as: 'anonymous',
      })
    ).data.refreshToken as string;
    await api.request({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: bodyToken },
      as: 'anonymous',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const logs = output.text();
    // The capture works: the requests above are in it, with their headers.
    expect(logs).toContain('/v1/auth/login');
    expect(logs).toContain('/v1/api-keys');
    expect(logs).toMatch(/"authorization":"\[redacted\]"/);
    expect(logs).toContain('/v1/notifications/stream?token=[redacted]');
    expect(logs).toContain('/v1/auth/refresh');
    for (const secret of [
      password,
      newPassword,
      invalidPassword,
      token,
      key,
      key.slice(3),
      streamToken,
      refreshToken,
      csrfToken,
      bodyToken,
      refreshed.data.accessToken as string,
    ]) {
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toMatch(/\$argon2/);
  });
});
