import { UsersService } from '@claimdesk/auth';
import { EventsService } from '@claimdesk/events';
import { NotificationDelivery } from '@claimdesk/notifications';
import { TransactionService } from '@claimdesk/platform';
import {
  createApiKeySession,
  createUserSession,
  isolatedTestEnv,
  IsolatedTestEnv,
  startSmtp,
  startTestApi,
  startTestWorker,
  TestApi,
  TestSession,
  TestSmtp,
  TestWorker,
  waitFor,
} from '@claimdesk/testing';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

describe('webhook.disabled notifications', () => {
  // The key-owned case tells *every* active admin, so this suite counts admins: it gets a database of
  // its own, where no other suite adds admins meanwhile.
  let isolated: IsolatedTestEnv;
  let api: TestApi;
  let worker: TestWorker;
  let gone: Server;
  let goneUrl: string;
  let smtp: TestSmtp;
  let owner: TestSession;
  let mutingAdmin: TestSession;
  let retiredAdmin: TestSession;
  let editor: TestSession;
  let checker: TestSession;
  let newsroom: TestSession;

  beforeAll(async () => {
    isolated = await isolatedTestEnv('webhook_disabled_notices');
    api = await startTestApi(isolated.env);
    smtp = await startSmtp();
    worker = await startTestWorker({
      ...isolated.env,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      WEBHOOK_POLL_MS: '100',
    });
    gone = createServer((_request, response) => response.writeHead(410).end('gone'));
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    goneUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/hooks/claimdesk?token=s3cret`;

    owner = await createUserSession(api, { roles: ['admin'], name: 'Olga Owner' });
    mutingAdmin = await createUserSession(api, { roles: ['admin'], name: 'Mia Muted' });
    retiredAdmin = await createUserSession(api, { roles: ['admin'], name: 'Rita Retired' });
    editor = await createUserSession(api, { roles: ['editor'] });
    checker = await createUserSession(api, { roles: ['fact_checker'] });
    newsroom = await createApiKeySession(api, 'Daily Planet');
    await setPreferences(owner, { email: true });
    await setPreferences(mutingAdmin, { email: true, mute: ['webhook.disabled'] });
    await api.app.get(UsersService).update(retiredAdmin.user!.id, { active: false });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await new Promise<void>((resolve) => (gone ? gone.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (smtp ? smtp.server.close(() => resolve()) : resolve()));
    await isolated?.drop();
  });

  async function setPreferences(session: TestSession, payload: Record<string, unknown>) {
    const response = await api.request({
      method: 'PUT',
      url: '/v1/me/notification-preferences',
      headers: session.headers,
      as: 'anonymous',
      payload,
    });
    expect(response.statusCode).toBe(200);
  }

  /** A real endpoint, so the event names a webhook that exists. The tag keeps every claim away from it. */
  async function webhook(session: TestSession, url = `http://127.0.0.1:9/${randomUUID()}`) {
    const response = await api.request({
      method: 'POST',
      url: '/v1/webhooks',
      headers: session.headers,
      as: 'anonymous',
      payload: { url, events: ['claim.created'], tags: [`t-${randomUUID()}`] },
    });
    expect(response.statusCode).toBe(201);
    return response.data as { id: string; url: string };
  }

  /** What WebhookDeliverHandler.disable appends, committed the way it commits it: no claim, no actor. */
  async function appendDisabled(
    hook: { id: string; url: string },
    ownerOf: TestSession,
    reason = 'every delivery failed for 120 h (last: endpoint answered 500)',
  ): Promise<string> {
    const event = await api.app.get(TransactionService).run((manager) =>
      api.app.get(EventsService).append(manager, 'webhook.disabled', null, null, {
        webhookId: hook.id,
        url: hook.url,
        owner: { kind: ownerOf.principal.kind, id: ownerOf.principal.id },
        reason,
      }),
    );
    return event.id;
  }

  const rowsOfEvent = async (eventId: string): Promise<any[]> =>
    worker.dataSource.query(`SELECT * FROM notifications WHERE event_id = $1 ORDER BY recipient_id`, [
      eventId,
    ]);

  /** The event's notifications, once the worker has handled it (the relay, then the job). */
  async function handled(eventId: string): Promise<any[]> {
    await waitFor(
      async () =>
        (await worker.dataSource.query(`SELECT dispatched_at FROM events WHERE id = $1`, [eventId]))[0]
          ?.dispatched_at && (await rowsOfEvent(eventId)).length > 0,
      10_000,
      { message: `notifications of event ${eventId}` },
    );
    await worker.settled();
    return rowsOfEvent(eventId);
  }

  async function list(session: TestSession) {
    const response = await api.request({
      method: 'GET',
      url: '/v1/notifications',
      headers: session.headers,
      as: 'anonymous',
    });
    expect(response.statusCode).toBe(200);
    return response.data.items as any[];
  }

  const mailsTo = (session: TestSession) =>
    smtp.mails.filter((mail) => mail.to.includes(session.user!.email));

  it('tells the user who owns the endpoint, and nobody else, in-app and by mail', async () => {
    const hook = await webhook(owner, 'http://127.0.0.1:9/private/path?token=s3cret');
    const eventId = await appendDisabled(hook, owner);
    const rows = await handled(eventId);
    const text =
      'Your webhook to 127.0.0.1:9 was disabled: every delivery failed for 120 h ' +
      '(last: endpoint answered 500)';
    expect(rows).toEqual([
      expect.objectContaining({
        recipient_id: owner.user!.id,
        type: 'webhook.disabled',
        claim_id: null,
        actor_kind: null,
        actor_id: null,
        text,
      }),
    ]);
    const [item] = await list(owner);
    expect(item).toMatchObject({ type: 'webhook.disabled', claimId: null, actor: null, text });
    await waitFor(() => mailsTo(owner).length === 1, 20_000, { message: "the owner's mail" });
    expect(mailsTo(owner)[0]).toMatchObject({ subject: `[claimdesk] ${text}` });
    expect(mailsTo(owner)[0].body).not.toContain('s3cret');
    // The other admins are not told about an endpoint a user owns.
    expect(await list(mutingAdmin)).toEqual([]);
  });

  it('tells every active admin when a newsroom key owned the endpoint; mutes stop only the mail', async () => {
    const hook = await webhook(newsroom);
    const mailsBefore = smtp.mails.length;
    const eventId = await appendDisabled(hook, newsroom, 'the endpoint answered 410 Gone');
    const rows = await handled(eventId);
    const admins: { id: string }[] = await worker.dataSource.query(
      `SELECT id FROM users WHERE active AND 'admin' = ANY(roles) ORDER BY id`,
    );
    expect(rows.map((row) => row.recipient_id)).toEqual(admins.map((admin) => admin.id));
    const told = rows.map((row) => row.recipient_id);
    expect(told).toEqual(expect.arrayContaining([owner.user!.id, mutingAdmin.user!.id]));
    for (const session of [retiredAdmin, editor, checker]) expect(told).not.toContain(session.user!.id);
    for (const row of rows) {
      expect(row).toMatchObject({ type: 'webhook.disabled', claim_id: null, actor_id: null });
      expect(row.text).toBe(
        'The webhook of newsroom key “Daily Planet” to 127.0.0.1:9 was disabled: the endpoint answered ' +
          '410 Gone',
      );
    }

    // Mia muted the type: she sees it in the list, and is not mailed; Olga is.
    expect((await list(mutingAdmin)).map((item) => item.type)).toEqual(['webhook.disabled']);
    expect(rows.find((row) => row.recipient_id === mutingAdmin.user!.id)).toMatchObject({
      email_state: 'none',
    });
    await waitFor(() => mailsTo(owner).length === 2, 20_000, { message: "Olga's second mail" });
    await worker.settled();
    expect(smtp.mails.slice(mailsBefore).flatMap((mail) => mail.to)).toEqual([owner.user!.email]);
  });

  it('creates each notification once when the same event is handled again', async () => {
    const hook = await webhook(newsroom);
    const eventId = await appendDisabled(hook, newsroom);
    const rows = await handled(eventId);
    expect(await worker.app.get(NotificationDelivery).notifyForEvent(eventId)).toEqual([]);
    expect(await rowsOfEvent(eventId)).toHaveLength(rows.length);
  });

  it('tells nobody when the payload names no owner it can trust', async () => {
    const event = await api.app.get(TransactionService).run((manager) =>
      api.app.get(EventsService).append(manager, 'webhook.disabled', null, null, {
        webhookId: randomUUID(),
        url: 'http://127.0.0.1:9/x',
        owner: { kind: 'user', id: 'not-a-uuid' },
        reason: 'the endpoint answered 410 Gone',
      }),
    );
    await worker.settled();
    expect(await rowsOfEvent(event.id)).toEqual([]);
  });

  it('tells the owner when delivery really disables the endpoint (410 Gone)', async () => {
    const tag = `t-${randomUUID()}`;
    const response = await api.request({
      method: 'POST',
      url: '/v1/webhooks',
      headers: owner.headers,
      as: 'anonymous',
      payload: { url: goneUrl, events: ['claim.created'], tags: [tag] },
    });
    expect(response.statusCode).toBe(201);
    const created = await api.request({
      method: 'POST',
      url: '/v1/claims',
      headers: checker.headers,
      as: 'anonymous',
      payload: { text: `A claim for a gone endpoint ${randomUUID()}`, tags: [tag] },
    });
    expect(created.statusCode).toBe(201);
    const notice = await waitFor(
      async () =>
        (await list(owner)).find(
          (item) => item.type === 'webhook.disabled' && item.text.includes(new URL(goneUrl).host),
        ),
      15_000,
      { message: 'the webhook.disabled notification' },
    );
    expect(notice.text).toBe(
      `Your webhook to ${new URL(goneUrl).host} was disabled: the endpoint answered 410 Gone`,
    );
  });

  it('accepts webhook.disabled as a muted type and documents it', async () => {
    await setPreferences(checker, { email: true, mute: ['webhook.disabled', 'claim.assigned'] });
    const docs = await api.request({ method: 'GET', url: '/docs-json', as: 'anonymous' });
    expect(docs.statusCode).toBe(200);
    const schemas = docs.data.components.schemas;
    expect(schemas.NotificationPreferencesDto.properties.mute.items.enum).toContain('webhook.disabled');
    expect(schemas.NotificationView.properties.type.enum).toContain('webhook.disabled');
  });
});
