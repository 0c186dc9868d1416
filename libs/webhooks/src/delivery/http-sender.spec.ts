import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { sendWebhook, SNIPPET_BYTES } from './http-sender';

describe('webhook HTTP sender', () => {
  let server: Server;
  let port: number;
  const seen: { host?: string; body: string; headers: IncomingMessage['headers'] }[] = [];
  let answer: (response: import('node:http').ServerResponse) => void = (response) => response.end('ok');

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({ host: request.headers.host, body, headers: request.headers });
        answer(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (seen.length = 0));

  // The host name does not resolve anywhere: only the pinned address can get the request through.
  const target = () => ({
    url: new URL(`http://hooks.invalid:${port}/in`),
    addresses: [{ address: '127.0.0.1', family: 4 as const }],
  });

  it('connects to the checked address while keeping the host name in Host', async () => {
    const result = await sendWebhook(target(), '{"a":1}', { 'webhook-id': 'msg_1' }, 2000);
    expect(result).toMatchObject({ statusCode: 200, snippet: 'ok', error: null });
    expect(seen[0]).toMatchObject({ host: `hooks.invalid:${port}`, body: '{"a":1}' });
    expect(seen[0].headers).toMatchObject({ 'webhook-id': 'msg_1', 'content-type': 'application/json' });
  });

  it('does not follow redirects', async () => {
    answer = (response) => response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    const result = await sendWebhook(target(), '{}', {}, 2000);
    expect(result.statusCode).toBe(302);
    expect(seen).toHaveLength(1);
  });

  it('keeps only the first KiB of the answer', async () => {
    answer = (response) => response.end('x'.repeat(10_000));
    const result = await sendWebhook(target(), '{}', {}, 2000);
    expect(result.snippet).toHaveLength(SNIPPET_BYTES);
  });

  it('gives up after the timeout', async () => {
    answer = () => undefined; // never answers
    const result = await sendWebhook(target(), '{}', {}, 200);
    expect(result).toMatchObject({ statusCode: null, error: 'timed out after 200 ms' });
    expect(result.durationMs).toBeGreaterThanOrEqual(190);
  });

  it('reports a refused connection as an error, not a status', async () => {
    const closed = {
      url: new URL('http://hooks.invalid:1/'),
      addresses: [{ address: '127.0.0.1', family: 4 as const }],
    };
    const result = await sendWebhook(closed, '{}', {}, 2000);
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
