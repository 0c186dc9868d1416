import { AppConfig, Metrics, QueueName, WebhookDeliverPayload } from '@claimdesk/platform';
import {
  createApiKeySession,
  createUserSession,
  isolatedTestEnv,
  IsolatedTestEnv,
  sessionRequests,
  startTestApi,
  startTestWorker,
  TestApi,
  TestResponse,
  TestSession,
  TestWorker,
  waitFor,
} from '@claimdesk/testing';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { openWebhookSecret, returnedRows, WebhookDeliverHandler } from '@claimdesk/webhooks';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A real HTTP endpoint on 127.0.0.1: every path (`/<name>`) answers from its script of status
 * codes (the last one repeats) and records what it got.
 */
class Receiver {
  private server: Server;
  private scripts = new Map<string, number[]>();
  readonly received: Received[] = [];
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const script = this.scripts.get(path) ?? [200];
        const status = script.length > 1 ? script.shift()! : script[0];
        this.received.push({ path, headers: request.headers, body, status });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(`answered ${status}`);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A fresh path answering `statuses` in turn. */
  endpoint(statuses: number[] = [200]): { url: string; path: string } {
    const path = `/${randomUUID()}`;
    this.scripts.set(path, [...statuses]);
    return { url: `http://127.0.0.1:${this.port}${path}`, path };
  }

  at(path: string): Received[] {
    return this.received.filter((request) => request.path === path);
  }

  waitForCount(path: string, count: number, timeoutMs = 10_000): Promise<Received[]> {
    return waitFor(() => (this.at(path).length >= count ? this.at(path) : null), timeoutMs, {
      message: `${count} deliveries at ${path} (got ${this.at(path).length})`,
    });
  }
}

const verify = (secret: string, request: Received): any =>
  new Webhook(secret).verify(request.body, request.headers as Record<string, string>);

describe('webhooks', () => {
  // Delivery is asserted request by request, so this suite has a database and queue prefix of its
  // own: no other suite's worker (with the default, slow retry schedule) can take its jobs.
  let isolated: IsolatedTestEnv;
  let api: TestApi;
  let worker: TestWorker;
  const receiver = new Receiver();
  let newsroom: TestSession;
  let otherNewsroom: TestSession;
  let admin: TestSession;
  let checker: TestSession;
  let editor: TestSession;
  let secondEditor: TestSession;

  beforeAll(async () => {
    isolated = await isolatedTestEnv('webhooks');
    api = await startTestApi(isolated.env);
    worker = await startTestWorker({
      ...isolated.env,
      WEBHOOK_RETRY_SCHEDULE: '100,100,100',
      WEBHOOK_POLL_MS: '100',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
    await receiver.start();
    newsroom = await createApiKeySession(api, 'Daily Ledger');
    otherNewsroom = await createApiKeySession(api, 'Evening Post');
    admin = await createUserSession(api, { roles: ['admin'] });
    checker = await createUserSession(api, { roles: ['fact_checker'], name: 'Checker' });
    editor = await createUserSession(api, { roles: ['editor'], name: 'Editor One' });
    secondEditor = await createUserSession(api, { roles: ['editor'], name: 'Editor Two' });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver.stop();
    await isolated?.drop();
  });

  async function call(
    session: TestSession,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const response = await api.request({
      method,
      url,
      as: 'anonymous',
      headers: { ...session.headers, ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    expect(response.statusCode).toBeLessThan(500);
    if (response.statusCode >= 400)
      expect(response.headers['content-type']).toContain('application/problem+json');
    return response;
  }

  async function register(body: Record<string, unknown>, session = newsroom): Promise<any> {
    const response = await call(session, 'POST', '/v1/webhooks', body);
    expect({ status: response.statusCode, detail: response.data?.detail }).toEqual({
      status: 201,
      detail: undefined,
    });
    return response.data;
  }

  async function createClaim(tags: string[], text = `A claim to announce ${randomUUID()}`): Promise<any> {
    const response = await call(checker, 'POST', '/v1/claims', {
      text,
      tags,
      stances: [{ actor: { name: 'Sergei Lavrov', kind: 'person' }, type: 'asserted' }],
    });
    expect(response.statusCode).toBe(201);
    return response.data;
  }

  const { act } = sessionRequests(() => api);

  /** The secret columns as stored, read past the API (which never shows them). */
  async function storedSecrets(
    webhookId: string,
  ): Promise<{ secret: string; previous_secret: string | null }> {
    const [row] = await api.app
      .get(DataSource)
      .query(`SELECT secret, previous_secret FROM webhooks WHERE id = $1`, [webhookId]);
    return row;
  }

  /** Stored encrypted: neither the secret nor its key bytes appear, and the API's key opens it. */
  function expectSealed(stored: string | null, secret: string): void {
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(stored).not.toContain(secret.slice(6));
    expect(openWebhookSecret(stored!, api.app.get(AppConfig).webhookSecretsKey)).toBe(secret);
  }

  async function deliveries(webhookId: string, session = newsroom): Promise<any[]> {
    const response = await call(session, 'GET', `/v1/webhooks/${webhookId}/deliveries`);
    expect(response.statusCode).toBe(200);
    return response.data.items;
  }

  it('registers an endpoint and delivers claim.created through the relay and worker, signed', async () => {
    const { url, path } = receiver.endpoint();
    const tag = `t-${randomUUID()}`;
    const webhook = await register({ url, events: ['claim.created'], tags: [tag], description: 'Live blog' });
    expect(webhook).toMatchObject({
      url,
      events: ['claim.created'],
      tags: [tag],
      description: 'Live blog',
      active: true,
      owner: { kind: 'api_key', id: newsroom.principal.id },
      version: 1,
    });
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(webhook.secret.slice(6), 'base64')).toHaveLength(32);
    const stored = await storedSecrets(webhook.id);
    expect(stored.secret).not.toBe(webhook.secret);
    expectSealed(stored.secret, webhook.secret);
    expect(stored.previous_secret).toBeNull();
    // The secret is shown once: never by GET.
    const read = await call(newsroom, 'GET', `/v1/webhooks/${webhook.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.data.secret).toBeUndefined();
    expect(read.headers.etag).toBe('W/"1"');

    const claim = await createClaim([tag]);
    const [request] = await receiver.waitForCount(path, 1);
    const payload = verify(webhook.secret, request);
    expect(payload).toMatchObject({
      type: 'claim.created',
      data: {
        claim: {
          id: claim.id,
          text: claim.text,
          tags: [tag],
          status: 'submitted',
          stances: [expect.any(Object)],
        },
        // Newsrooms see no desk user ids (API.md, Webhooks): the desk's people stay anonymous.
        actor: null,
      },
    });
    expect(new Date(payload.timestamp).toISOString()).toBe(payload.timestamp);
    expect(request.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // A wrong secret does not verify (so the check above can fail).
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, request)).toThrow(
      'No matching signature found',
    );

    const [delivery] = await waitFor(async () => {
      const items = await deliveries(webhook.id);
      return items[0]?.status === 'delivered' ? items : null;
    });
    expect(delivery).toMatchObject({
      webhookId: request.headers['webhook-id'],
      eventType: 'claim.created',
      claimId: claim.id,
      status: 'delivered',
      attemptCount: 1,
      nextAttemptAt: null,
      attempts: [
        { attempt: 1, statusCode: 200, responseSnippet: 'answered 200', error: null, nextRetryAt: null },
      ],
    });
    expect(delivery.attempts[0].durationMs).toEqual(expect.any(Number));
  });

  it('delivers claim.published and then the correction, in order, and only the subscribed events', async () => {
    const { url, path } = receiver.endpoint();
    const tag = `t-${randomUUID()}`;
    const webhook = await register({ url, events: ['claim.published', 'claim.reopened'], tags: [tag] });
    const claim = await createClaim([tag]);
    await act(editor, claim.id, 'triage');
    await act(editor, claim.id, 'assign', { assigneeId: checker.principal.id });
    await act(checker, claim.id, 'start');
    await act(checker, claim.id, 'submit', {
      verdict: 'mostly_false',
      summary: 'Mostly wrong.',
      evidenceStatus: 'debunked',
    });
    await act(editor, claim.id, 'publish');
    // The body shows the claim as it is at fan-out: wait for it before changing the claim again.
    const [first] = await receiver.waitForCount(path, 1);
    expect(verify(webhook.secret, first).data.claim).toMatchObject({
      id: claim.id,
      status: 'published',
      verdict: 'mostly_false',
      publishedReview: { verdict: 'mostly_false' },
    });
    await act(editor, claim.id, 'reopen', { reason: 'New statement from the ministry.' });
    await act(checker, claim.id, 'submit', {
      verdict: 'false',
      summary: 'Wrong.',
      evidenceStatus: 'debunked',
    });
    await act(secondEditor, claim.id, 'publish');

    const requests = await receiver.waitForCount(path, 3);
    await worker.settled();
    const payloads = receiver.at(path).map((request) => verify(webhook.secret, request));
    expect(payloads.map((payload) => payload.type)).toEqual([
      'claim.published',
      'claim.reopened',
      'claim.published',
    ]);
    // Newsrooms get the published version itself, never the desk's review records or people.
    expect(payloads[0].data.actor).toBeNull();
    expect(payloads[0].data.changes).toEqual({
      version: expect.any(Number),
      publishedVersion: expect.objectContaining({ version: 1, verdict: 'mostly_false', correction: null }),
    });
    expect(payloads[0].data.changes.publishedVersion).not.toHaveProperty('submittedBy');
    expect(payloads[1].data.changes).toEqual({ version: expect.any(Number) });
    // `changes` is the event's own record, whatever the claim looked like by fan-out time.
    expect(payloads[2].data.changes.publishedVersion).toMatchObject({
      version: 2,
      verdict: 'false',
      correction: { previousVerdict: 'mostly_false' },
    });
    expect(payloads[2].data.claim).toMatchObject({ status: 'published', verdict: 'false' });
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(3);
  });

  it('retries 500, 500, 200 as three attempts with the same webhook-id, logged', async () => {
    const { url, path } = receiver.endpoint([500, 500, 200]);
    const tag = `t-${randomUUID()}`;
    const webhook = await register({ url, events: ['claim.created'], tags: [tag] });
    const metrics = worker.app.get(Metrics);
    const before = await counts(metrics);
    await createClaim([tag]);
    const requests = await receiver.waitForCount(path, 3);
    expect(requests.map((request) => request.status)).toEqual([500, 500, 200]);
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    for (const request of requests) expect(verify(webhook.secret, request).type).toBe('claim.created');

    const [delivery] = await waitFor(async () => {
      const items = await deliveries(webhook.id);
      return items[0]?.status === 'delivered' ? items : null;
    });
    expect(delivery.attemptCount).toBe(3);
    expect(delivery.attempts.map((attempt: any) => [attempt.attempt, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(delivery.attempts[0]).toMatchObject({ error: null, responseSnippet: 'answered 500' });
    expect(delivery.attempts[0].nextRetryAt).toEqual(expect.any(String));
    expect(delivery.attempts[2].nextRetryAt).toBeNull();
    // The endpoint recovered, so it is not "failing since" anything.
    expect((await call(newsroom, 'GET', `/v1/webhooks/${webhook.id}`)).data.failingSince).toBeNull();
    const after = await counts(metrics);
    expect(after.retrying - before.retrying).toBe(2);
    expect(after.delivered - before.delivered).toBe(1);
  });

  async function counts(metrics: Metrics): Promise<Record<string, number>> {
    const metric = await metrics.webhookDeliveries.get();
    const result: Record<string, number> = { delivered: 0, retrying: 0, failed: 0, gone: 0, refused: 0 };
    for (const value of metric.values) result[String(value.labels.outcome)] = value.value;
    return result;
  }

  it('gives a message up when the schedule runs out, and sends the next one of the claim after it', async () => {
    const { url, path } = receiver.endpoint([500, 500, 500, 500, 200]);
    const tag = `t-${randomUUID()}`;
    const webhook = await register({ url, events: ['claim.created', 'claim.updated'], tags: [tag] });
    const claim = await createClaim([tag]);
    const patched = await call(checker, 'PATCH', `/v1/claims/${claim.id}`, {
      summary: 'Now with a summary.',
    });
    expect(patched.statusCode).toBe(200);
    const requests = await receiver.waitForCount(path, 5);
    const types = requests.map((request) => JSON.parse(request.body).type);
    // One attempt plus three retries for claim.created, and claim.updated only after it was given up.
    expect(types).toEqual([
      'claim.created',
      'claim.created',
      'claim.created',
      'claim.created',
      'claim.updated',
    ]);
    const items = await waitFor(async () => {
      const list = await deliveries(webhook.id);
      return list.every((item) => item.status !== 'pending') ? list : null;
    });
    expect(items.map((item) => [item.eventType, item.status, item.attemptCount])).toEqual([
      ['claim.updated', 'delivered', 1],
      ['claim.created', 'failed', 4],
    ]);
    expect(items[1].lastError).toBe('endpoint answered 500');
  });

  it('keeps per-claim order: an event waits while the earlier one is being retried', async () => {
    const { url, path } = receiver.endpoint([503, 200]);
    const tag = `t-${randomUUID()}`;
    await register({ url, events: ['claim.created', 'claim.updated'], tags: [tag] });
    const claim = await createClaim([tag]);
    for (const summary of ['one', 'two', 'three']) {
      expect((await call(checker, 'PATCH', `/v1/claims/${claim.id}`, { summary })).statusCode).toBe(200);
    }
    const requests = await receiver.waitForCount(path, 5);
    await worker.settled();
    const sent = receiver.at(path).map((request) => {
      const body = JSON.parse(request.body);
      return [request.status, body.type, body.data.claim.summary];
    });
    // Bodies are built at fan-out, but fan-out may run after later changes: compare event order only.
    expect(sent.map(([status, type]) => [status, type])).toEqual([
      [503, 'claim.created'],
      [200, 'claim.created'],
      [200, 'claim.updated'],
      [200, 'claim.updated'],
      [200, 'claim.updated'],
    ]);
    expect(requests).toHaveLength(5);
  });

  it('disables an endpoint that answers 410 and tells its owner with a webhook.disabled event', async () => {
    const { url, path } = receiver.endpoint([410]);
    const tag = `t-${randomUUID()}`;
    const webhook = await register({ url, events: ['claim.created', 'claim.updated'], tags: [tag] });
    const claim = await createClaim([tag]);
    await receiver.waitForCount(path, 1);
    const disabled = await waitFor(async () => {
      const view = (await call(newsroom, 'GET', `/v1/webhooks/${webhook.id}`)).data;
      return view.active ? null : view;
    });
    expect(disabled).toMatchObject({ active: false, disabledReason: 'the endpoint answered 410 Gone' });
    expect(disabled.disabledAt).toEqual(expect.any(String));
    const events = await api.app
      .get(DataSource)
      .query(`SELECT payload FROM events WHERE type = 'webhook.disabled' AND payload->>'webhookId' = $1`, [
        webhook.id,
      ]);
    expect(events).toEqual([
      {
        payload: {
          webhookId: webhook.id,
          url,
          owner: { kind: 'api_key', id: newsroom.principal.id },
          reason: 'the endpoint answered 410 Gone',
        },
      },
    ]);

    // Nothing more goes to a disabled endpoint; test and retry say why.
    await call(checker, 'PATCH', `/v1/claims/${claim.id}`, { summary: 'After the endpoint left.' });
    await worker.settled();
    expect(receiver.at(path)).toHaveLength(1);
    const test = await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/test`);
    expect(test.statusCode).toBe(409);
    expect(test.data.detail).toContain('PATCH it with {"active": true}');

    // Re-enabling works, and the test event goes through.
    const enabled = await call(newsroom, 'PATCH', `/v1/webhooks/${webhook.id}`, { active: true });
    expect(enabled.data).toMatchObject({
      active: true,
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
    });
  });

  it('disables an endpoint that has failed for days at its next failure', async () => {
    const { url, path } = receiver.endpoint([500]);
    const tag = `t-${randomUUID()}`;
    const webhook = await register({ url, events: ['claim.created'], tags: [tag] });
    // Five days of failures, compressed: the endpoint has been failing since six days ago.
    await api.app
      .get(DataSource)
      .query(`UPDATE webhooks SET failing_since = now() - interval '6 days' WHERE id = $1`, [webhook.id]);
    await createClaim([tag]);
    await receiver.waitForCount(path, 1);
    const disabled = await waitFor(async () => {
      const view = (await call(newsroom, 'GET', `/v1/webhooks/${webhook.id}`)).data;
      return view.active ? null : view;
    });
    expect(disabled.disabledReason).toBe('every delivery failed for 144 h (last: endpoint answered 500)');
    const [delivery] = await deliveries(webhook.id);
    expect(delivery).toMatchObject({ status: 'failed', attemptCount: 1, nextAttemptAt: null });
    const events = await api.app
      .get(DataSource)
      .query(
        `SELECT payload->>'reason' AS reason FROM events WHERE type = 'webhook.disabled' AND payload->>'webhookId' = $1`,
        [webhook.id],
      );
    expect(events).toEqual([{ reason: disabled.disabledReason }]);
    await worker.settled();
    expect(receiver.at(path)).toHaveLength(1);
  });

  it('signs with both secrets for a day after a rotation', async () => {
    const { url, path } = receiver.endpoint();
    const webhook = await register({ url, events: ['claim.created'], tags: [`t-${randomUUID()}`] });
    const rotated = await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated.data.secret).not.toBe(webhook.secret);
    const stored = await storedSecrets(webhook.id);
    expectSealed(stored.secret, rotated.data.secret);
    expectSealed(stored.previous_secret, webhook.secret);
    const overlapEnds = Date.parse(rotated.data.previousSecretExpiresAt) - Date.now();
    expect(overlapEnds).toBeGreaterThan(23.9 * 3600_000);
    expect(overlapEnds).toBeLessThanOrEqual(24 * 3600_000);

    const test = await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/test`);
    expect(test.statusCode).toBe(202);
    expect(test.data).toMatchObject({ eventType: 'webhook.test', status: 'pending', attempts: [] });
    const [request] = await receiver.waitForCount(path, 1);
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(rotated.data.secret, request)).toMatchObject({
      type: 'webhook.test',
      data: { webhook: { id: webhook.id, url } },
    });
    expect(verify(webhook.secret, request).type).toBe('webhook.test');

    // Once the overlap is over, only the new secret signs.
    await api.app
      .get(DataSource)
      .query(`UPDATE webhooks SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [
        webhook.id,
      ]);
    await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/test`);
    const [, second] = await receiver.waitForCount(path, 2);
    expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verify(rotated.data.secret, second).type).toBe('webhook.test');
    expect(() => verify(webhook.secret, second)).toThrow('No matching signature found');
  });

  it('signs with a plaintext secret stored before encryption and encrypts it on the next write', async () => {
    const { url, path } = receiver.endpoint();
    const webhook = await register({ url, events: ['claim.created'], tags: [`t-${randomUUID()}`] });
    const dataSource = api.app.get(DataSource);
    // A row as migration 1764270600000 left it.
    await dataSource.query(`UPDATE webhooks SET secret = $2 WHERE id = $1`, [webhook.id, webhook.secret]);
    // Anything that is neither form is refused by the database.
    await expect(
      dataSource.query(`UPDATE webhooks SET secret = 'plain text' WHERE id = $1`, [webhook.id]),
    ).rejects.toThrow('webhooks_secret_form_check');

    await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/test`);
    const [first] = await receiver.waitForCount(path, 1);
    expect(verify(webhook.secret, first).type).toBe('webhook.test');
    expect((await storedSecrets(webhook.id)).secret).toBe(webhook.secret);

    const patched = await call(newsroom, 'PATCH', `/v1/webhooks/${webhook.id}`, { description: 'healed' });
    expect(patched.statusCode).toBe(200);
    expectSealed((await storedSecrets(webhook.id)).secret, webhook.secret);
    await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/test`);
    const [, second] = await receiver.waitForCount(path, 2);
    expect(verify(webhook.secret, second).type).toBe('webhook.test');

    // Rotating a plaintext row keeps the old secret only in encrypted form.
    await dataSource.query(`UPDATE webhooks SET secret = $2 WHERE id = $1`, [webhook.id, webhook.secret]);
    const rotated = await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const stored = await storedSecrets(webhook.id);
    expectSealed(stored.secret, rotated.data.secret);
    expectSealed(stored.previous_secret, webhook.secret);
  });

  it('filters by event type and by claim tags', async () => {
    const wanted = `t-${randomUUID()}`;
    const other = `t-${randomUUID()}`;
    const byTag = receiver.endpoint();
    const byEvent = receiver.endpoint();
    await register({ url: byTag.url, events: ['claim.created'], tags: [wanted, 'never-used'] });
    await register({ url: byEvent.url, events: ['claim.updated'], tags: [wanted, other] });

    const ignored = await createClaim([other]);
    const matched = await createClaim([wanted, 'ukraine']);
    await call(checker, 'PATCH', `/v1/claims/${ignored.id}`, { summary: 'Changed.' });
    await receiver.waitForCount(byTag.path, 1);
    await receiver.waitForCount(byEvent.path, 1);
    await worker.settled();
    expect(receiver.at(byTag.path).map((request) => JSON.parse(request.body).data.claim.id)).toEqual([
      matched.id,
    ]);
    expect(receiver.at(byEvent.path).map((request) => JSON.parse(request.body))).toEqual([
      expect.objectContaining({
        type: 'claim.updated',
        data: expect.objectContaining({ claim: expect.objectContaining({ id: ignored.id }) }),
      }),
    ]);
  });

  it('replays a delivery with its webhook-id on retry', async () => {
    const { url, path } = receiver.endpoint();
    const webhook = await register({ url, events: ['claim.created'], tags: [`t-${randomUUID()}`] });
    await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/test`);
    const [first] = await receiver.waitForCount(path, 1);
    const [delivery] = await waitFor(async () => {
      const items = await deliveries(webhook.id);
      return items[0]?.status === 'delivered' ? items : null;
    });
    const retried = await call(
      newsroom,
      'POST',
      `/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/retry`,
    );
    expect(retried.statusCode).toBe(202);
    expect(retried.data).toMatchObject({ id: delivery.id, status: 'pending' });
    const [, again] = await receiver.waitForCount(path, 2);
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(again.body).toBe(first.body);
    const [after] = await waitFor(async () => {
      const items = await deliveries(webhook.id);
      return items[0]?.attemptCount === 2 && items[0].status === 'delivered' ? items : null;
    });
    expect(after.attempts).toHaveLength(2);

    expect(
      (await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/deliveries/${randomUUID()}/retry`))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/deliveries/nope/retry`)).data.errors,
    ).toEqual([{ field: 'deliveryId', message: 'deliveryId must be a UUID' }]);
  });

  it('pages the delivery log', async () => {
    const { url } = receiver.endpoint();
    const webhook = await register({ url, events: ['claim.created'], tags: [`t-${randomUUID()}`] });
    for (let i = 0; i < 3; i += 1) await call(newsroom, 'POST', `/v1/webhooks/${webhook.id}/test`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TestResponse = await call(
        newsroom,
        'GET',
        `/v1/webhooks/${webhook.id}/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      seen.push(...page.data.items.map((item: any) => item.id));
      cursor = page.data.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect(
      (await call(newsroom, 'GET', `/v1/webhooks/${webhook.id}/deliveries?cursor=bogus`)).statusCode,
    ).toBe(400);
  });

  it('lets a newsroom see and manage only its own webhooks; admins see all', async () => {
    const mine = await register({ url: receiver.endpoint().url, events: ['claim.created'] });
    const theirs = await register({ url: receiver.endpoint().url, events: ['claim.created'] }, otherNewsroom);
    const byAdmin = await register({ url: receiver.endpoint().url, events: ['claim.published'] }, admin);
    expect(byAdmin.owner).toEqual({ kind: 'user', id: admin.principal.id });

    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { description: 'mine now' }],
      ['DELETE', '', undefined],
      ['POST', '/rotate-secret', undefined],
      ['POST', '/test', undefined],
      ['GET', '/deliveries', undefined],
      ['POST', `/deliveries/${randomUUID()}/retry`, undefined],
    ] as const) {
      const response = await call(newsroom, method, `/v1/webhooks/${theirs.id}${suffix}`, body);
      expect({ method, suffix, status: response.statusCode }).toEqual({ method, suffix, status: 404 });
      expect(response.data.detail).toBe(`Webhook ${theirs.id} does not exist.`);
    }

    const listIds = async (session: TestSession) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: TestResponse = await call(
          session,
          'GET',
          `/v1/webhooks?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        ids.push(...page.data.items.map((item: any) => item.id));
        cursor = page.data.nextCursor;
      } while (cursor);
      return ids;
    };
    const newsroomSees = await listIds(newsroom);
    expect(newsroomSees).toContain(mine.id);
    expect(newsroomSees).not.toContain(theirs.id);
    expect(newsroomSees).not.toContain(byAdmin.id);
    expect(await listIds(admin)).toEqual(expect.arrayContaining([mine.id, theirs.id, byAdmin.id]));
    expect((await call(admin, 'GET', `/v1/webhooks/${theirs.id}`)).statusCode).toBe(200);
    expect((await call(admin, 'GET', `/v1/webhooks/${theirs.id}/deliveries`)).statusCode).toBe(200);

    // Theirs is untouched by our attempts; the admin may delete it.
    expect((await call(otherNewsroom, 'GET', `/v1/webhooks/${theirs.id}`)).data.version).toBe(1);
    expect((await call(admin, 'DELETE', `/v1/webhooks/${theirs.id}`)).statusCode).toBe(204);
    expect((await call(otherNewsroom, 'GET', `/v1/webhooks/${theirs.id}`)).statusCode).toBe(404);
  });

  it('updates with If-Match and re-checks a changed URL', async () => {
    const webhook = await register({ url: receiver.endpoint().url, events: ['claim.created'] });
    const stale = await call(
      newsroom,
      'PATCH',
      `/v1/webhooks/${webhook.id}`,
      { events: ['claim.updated'] },
      { 'if-match': 'W/"7"' },
    );
    expect(stale.statusCode).toBe(412);
    const updated = await call(
      newsroom,
      'PATCH',
      `/v1/webhooks/${webhook.id}`,
      { events: ['claim.updated', 'claim.published'], tags: ['ukraine'], description: '' },
      { 'if-match': 'W/"1"' },
    );
    expect(updated.statusCode).toBe(200);
    expect(updated.data).toMatchObject({
      events: ['claim.updated', 'claim.published'],
      tags: ['ukraine'],
      description: null,
      version: 2,
    });
    expect(updated.headers.etag).toBe('W/"2"');
    const badUrl = await call(newsroom, 'PATCH', `/v1/webhooks/${webhook.id}`, {
      url: 'ftp://files.example.org/',
    });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.data.errors).toEqual([{ field: 'url', message: 'url must be an http or https URL' }]);
  });

  it('validates bodies and ids', async () => {
    const { url } = receiver.endpoint();
    const cases: [unknown, string[]][] = [
      [{ events: ['claim.created'] }, ['url']],
      [{ url, events: [] }, ['events']],
      [{ url, events: ['claim.deleted'] }, ['events']],
      [{ url, events: ['claim.created', 'claim.created'] }, ['events']],
      [{ url, events: ['claim.created'], tags: [''] }, ['tags']],
      [{ url, events: ['claim.created'], secret: 'mine' }, ['secret']],
      [{ url: 'javascript:alert(1)', events: ['claim.created'] }, ['url']],
      [{ url: 'http://', events: ['claim.created'] }, ['url']],
    ];
    for (const [body, fields] of cases) {
      const response = await call(newsroom, 'POST', '/v1/webhooks', body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
      expect([...new Set(response.data.errors.map((error: any) => error.field))]).toEqual(fields);
    }
    expect((await call(newsroom, 'GET', '/v1/webhooks/not-a-uuid')).data.errors).toEqual([
      { field: 'id', message: 'id must be a UUID' },
    ]);
    expect((await call(newsroom, 'GET', `/v1/webhooks/${randomUUID()}`)).statusCode).toBe(404);
    expect((await call(newsroom, 'GET', '/v1/webhooks?limit=0')).statusCode).toBe(400);
    expect((await call(editor, 'GET', '/v1/webhooks')).statusCode).toBe(403);
  });

  describe('batches', () => {
    const db = () => api.app.get(DataSource);

    /** The `webhooks.deliver` jobs that ran, as the message ids each carried. */
    async function deliverJobs(): Promise<string[][]> {
      const jobs = await worker.jobs.queue(QueueName.WebhookDeliveries).getJobs(['completed']);
      return jobs.map((job) => (job.data as WebhookDeliverPayload).deliveryIds);
    }

    it('records each result of a batch on its own: one endpoint fails while another succeeds', async () => {
      const failing = receiver.endpoint([500, 200]);
      const fine = receiver.endpoint([200]);
      const tag = `t-${randomUUID()}`;
      const a = await register({ url: failing.url, events: ['claim.created'], tags: [tag] });
      const b = await register({ url: fine.url, events: ['claim.created'], tags: [tag] });
      await createClaim([tag]);
      await receiver.waitForCount(failing.path, 2);
      await receiver.waitForCount(fine.path, 1);
      await worker.settled();

      const [ofA] = await deliveries(a.id);
      const [ofB] = await deliveries(b.id);
      // The first attempts at both went out in one job.
      expect((await deliverJobs()).some((ids) => ids.includes(ofA.id) && ids.includes(ofB.id))).toBe(true);
      expect(ofA).toMatchObject({ status: 'delivered', attemptCount: 2, nextAttemptAt: null });
      expect(ofA.attempts.map((attempt: any) => [attempt.statusCode, attempt.nextRetryAt !== null])).toEqual([
        [500, true],
        [200, false],
      ]);
      expect(ofB).toMatchObject({ status: 'delivered', attemptCount: 1 });
      expect(ofB.attempts.map((attempt: any) => attempt.statusCode)).toEqual([200]);
      expect(receiver.at(fine.path)).toHaveLength(1);
      for (const webhook of [a, b]) {
        expect((await call(newsroom, 'GET', `/v1/webhooks/${webhook.id}`)).data.failingSince).toBeNull();
      }
    });

    it("keeps each claim's order across batches, one message of a chain per batch", async () => {
      const { url, path } = receiver.endpoint();
      const tag = `t-${randomUUID()}`;
      const webhook = await register({ url, events: ['claim.created', 'claim.updated'], tags: [tag] });
      const claims = await Promise.all([1, 2, 3].map(() => createClaim([tag])));
      for (const summary of ['one', 'two', 'three']) {
        await Promise.all(
          claims.map(async (claim) =>
            expect((await call(checker, 'PATCH', `/v1/claims/${claim.id}`, { summary })).statusCode).toBe(
              200,
            ),
          ),
        );
      }
      await receiver.waitForCount(path, 12);
      await worker.settled();

      const messages: { id: string; msg_id: string; claim_id: string; event_id: string }[] = await db().query(
        `SELECT id, msg_id, claim_id, event_id::text AS event_id FROM webhook_messages WHERE endpoint_id = $1`,
        [webhook.id],
      );
      expect(messages).toHaveLength(12);
      const byMsgId = new Map(messages.map((message) => [message.msg_id, message]));
      for (const claim of claims) {
        const received = receiver
          .at(path)
          .map((request) => byMsgId.get(String(request.headers['webhook-id']))!)
          .filter((message) => message.claim_id === claim.id)
          .map((message) => BigInt(message.event_id));
        expect(received).toHaveLength(4);
        expect(received).toEqual([...received].sort((x, y) => (x < y ? -1 : 1)));
      }
      // A job never carried two messages of one chain.
      const chainOf = new Map(messages.map((message) => [message.id, message.claim_id]));
      for (const ids of await deliverJobs()) {
        const chains = ids.filter((id) => chainOf.has(id)).map((id) => chainOf.get(id));
        expect(new Set(chains).size).toBe(chains.length);
      }
    });

    it('lets a duplicated or superseded batch job send nothing', async () => {
      const { url, path } = receiver.endpoint();
      const webhook = await register({ url, events: ['claim.created'], tags: [`t-${randomUUID()}`] });
      await createClaim(webhook.tags);
      await receiver.waitForCount(path, 1);
      await worker.settled();
      const [message]: { id: string; batch: string }[] = await db().query(
        `SELECT id, dispatch_batch::text AS batch FROM webhook_messages WHERE endpoint_id = $1`,
        [webhook.id],
      );
      const handler = worker.app.get(WebhookDeliverHandler);

      // The same job again (BullMQ running it twice): its message is no longer pending under it.
      await handler.handle({ batch: message.batch, deliveryIds: [message.id] });
      expect(receiver.at(path)).toHaveLength(1);

      // Dispatched again since (a replay, leased into a newer batch): the older job leaves it alone.
      const [{ batch: newer }] = returnedRows<{ batch: string }>(
        await db().query(
          `UPDATE webhook_messages SET status = 'pending', next_attempt_at = now(), dispatched_at = now(),
           dispatch_batch = nextval('webhook_dispatch_batches')
         WHERE id = $1 RETURNING dispatch_batch::text AS batch`,
          [message.id],
        ),
      );
      await handler.handle({ batch: message.batch, deliveryIds: [message.id] });
      expect(receiver.at(path)).toHaveLength(1);

      // The newer batch's job sends it, once, however often it runs.
      await handler.handle({ batch: newer, deliveryIds: [message.id] });
      await handler.handle({ batch: newer, deliveryIds: [message.id] });
      await worker.settled();
      expect(receiver.at(path)).toHaveLength(2);
      const [delivery] = await deliveries(webhook.id);
      expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 2 });
      expect(delivery.attempts).toHaveLength(2);
    });
  });
});
