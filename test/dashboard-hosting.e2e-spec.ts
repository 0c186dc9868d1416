import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApi, TestApi } from '@claimdesk/testing';

/** C4: the API serves the built dashboard at /app, with index.html for the app's own routes. */
describe('dashboard hosting at /app', () => {
  let dir: string;
  let api: TestApi;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'claimdesk-dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>claimdesk</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("dashboard")');
    api = await startTestApi({ DASHBOARD_DIR: dir });
  });

  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at /app/ and for deep links, without credentials', async () => {
    for (const url of ['/app/', '/app/claims/0b5e7f0e-52a4-4d38-a7a4-3d1c3a3f3a11', '/app/board?scope=all']) {
      const response = await api.request({ method: 'GET', url, as: 'anonymous' });
      expect({ url, status: response.statusCode, type: response.headers['content-type'] }).toEqual({
        url,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('redirects /app to /app/', async () => {
    const response = await api.request({ method: 'GET', url: '/app', as: 'anonymous' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/app/');
  });

  it('serves built assets as long-lived files, and a missing asset is a 404, not the page', async () => {
    const asset = await api.request({ method: 'GET', url: '/app/assets/index-abc123.js', as: 'anonymous' });
    expect({ status: asset.statusCode, body: asset.body }).toMatchObject({ status: 200 });
    expect(asset.body).toContain('dashboard');
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await api.request({ method: 'GET', url: '/app/assets/gone-000.js', as: 'anonymous' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('<div id="root">');
  });

  it('serves nothing outside its folder', async () => {
    for (const url of ['/app/..%2F..%2Fpackage.json', '/app/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await api.request({ method: 'GET', url, as: 'anonymous' });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
    }
  });

  it('serves nothing at /app when the dashboard was not built', async () => {
    const bare = await startTestApi({ DASHBOARD_DIR: join(dir, 'not-built') });
    try {
      expect((await bare.request({ method: 'GET', url: '/app/', as: 'anonymous' })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
