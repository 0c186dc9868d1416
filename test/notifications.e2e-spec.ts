import { EventPayloads, EventsService, EventType } from '@claimdesk/events';
import { NotificationDelivery, NotificationStreams } from '@claimdesk/notifications';
import { Principal, TransactionService } from '@claimdesk/platform';
import {
  createApiKeySession,
  createUserSession,
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
import http from 'node:http';
import { AddressInfo } from 'node:net';

// ---------------------------------------------------------------- a real SSE client

interface SseEvent {
  id?: string;
  data: any;
}

interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  comments: string[];
  close(): void;
}

/** Connects with node's http client and parses the frames as they arrive. */
function openStream(port: number, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers }, (response) => {
      const client: SseClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        events: [],
        comments: [],
        close: () => request.destroy(),
      };
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: { id?: string; data: string[] } = { data: [] };
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) client.comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('data: ')) event.data.push(line.slice(6));
          }
          if (event.data.length)
            client.events.push({ id: event.id, data: JSON.parse(event.data.join('\n')) });
        }
      });
      response.on('error', () => undefined);
      resolve(client);
    });
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}

// ---------------------------------------------------------------- the suite

describe('notifications', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: TestWorker;
  let port: number;
  let editor: TestSession;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    const env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, NOTIFICATIONS_HEARTBEAT_MS: '100' };
    api = await startTestApi(env);
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    worker = await startTestWorker(env);
    editor = await createUserSession(api, { roles: ['editor'], name: 'Edna Editor' });
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await worker?.close();
    await api?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.server.close(() => resolve()) : resolve()));
  });

  async function stream(path: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = await openStream(port, path, headers);
    streams.push(client);
    return client;
  }

  /** A fact-checker with e-mail preferences set through the API. */
  async function factChecker(preferences?: Record<string, unknown>, email?: string): Promise<TestSession> {
    const session = await createUserSession(api, { roles: ['fact_checker'], email });
    if (preferences) {
      const response = await api.request({
        method: 'PUT',
        url: '/v1/me/notification-preferences',
        headers: session.headers,
        as: 'anonymous',
        payload: preferences,
      });
      expect(response.statusCode).toBe(200);
    }
    return session;
  }

  async function createClaim(
    text = `Mercenaries from Albania are being sent to fight, says post ${randomUUID()}`,
  ) {
    const response = await api.request({
      method: 'POST',
      url: '/v1/claims',
      headers: editor.headers,
      as: 'anonymous',
      payload: { text },
    });
    expect(response.statusCode).toBe(201);
    return response.data as { id: string; text: string };
  }

  /** Commits a domain event with the contract payload, as the feature that owns it would. */
  async function append<T extends EventType>(
    type: T,
    claimId: string,
    actor: Principal | null,
    payload: EventPayloads[T],
  ): Promise<string> {
    const event = await api.app
      .get(TransactionService)
      .run((manager) => api.app.get(EventsService).append(manager, type, claimId, actor, payload));
    return event.id;
  }

  const assigned = (assigneeId: string) => ({
    version: 1,
    assignmentId: randomUUID(),
    assigneeId,
    previousAssigneeId: null,
    dueAt: null,
    auto: false,
  });

  async function list(session: TestSession, query = '') {
    const response = await api.request({
      method: 'GET',
      url: `/v1/notifications${query}`,
      headers: session.headers,
      as: 'anonymous',
    });
    expect(response.statusCode).toBe(200);
    return response.data as { items: any[]; nextCursor: string | null };
  }

  const rowsOfEvent = async (eventId: string) =>
    (await worker.dataSource.query(`SELECT * FROM notifications WHERE event_id = $1`, [eventId])) as any[];

  const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));

  it('tells the assignee of a claim at once: on the live stream, in the list, in /v1/me and by mail', async () => {
    const assignee = await factChecker({ email: true });
    const live = await stream('/v1/notifications/stream', assignee.headers);
    expect(live.status).toBe(200);
    expect(live.headers['content-type']).toContain('text/event-stream');
    await waitFor(() => live.comments.includes('connected'), 20_000, { message: 'the stream to open' });

    const claim = await createClaim();
    const started = Date.now();
    await append('claim.assigned', claim.id, editor.principal, assigned(assignee.user!.id));

    await waitFor(() => live.events.length > 0, 20_000, { message: 'the SSE message' });
    // A ceiling, not a measurement: on a busy machine the wake-up and delivery may take seconds.
    expect(Date.now() - started).toBeLessThan(20_000);
    const [message] = live.events;
    expect(message.data).toEqual({
      id: expect.any(String),
      type: 'claim.assigned',
      claimId: claim.id,
      actor: { kind: 'user', id: editor.user!.id, name: 'Edna Editor' },
      text: expect.stringMatching(/^Edna Editor assigned you “Mercenaries from Albania/),
      createdAt: expect.any(String),
      readAt: null,
    });
    expect(message.id).toMatch(/^\d+$/);

    const page = await list(assignee);
    expect(page.items).toEqual([message.data]);
    // The actor is never told of their own action. (Editors hear of other suites' overdue claims meanwhile.)
    expect((await list(editor)).items.filter((item) => item.claimId === claim.id)).toEqual([]);

    const me = await api.request({
      method: 'GET',
      url: '/v1/me',
      headers: assignee.headers,
      as: 'anonymous',
    });
    expect(me.data).toMatchObject({
      unreadNotifications: 1,
      user: { notificationPreferences: { email: true } },
    });

    const mail = await waitFor(() => mailsTo(assignee.user!.email)[0], 20_000, { message: 'the mail' });
    expect(mail.to).toEqual([assignee.user!.email]);
    expect(mail.subject).toBe(`[claimdesk] ${message.data.text}`);
    expect(mail.body).toContain(claim.id);
  });

  it('works end to end through the workflow routes: triage, assign, then a note that @mentions', async () => {
    const assignee = await factChecker();
    const colleague = await factChecker();
    const live = await stream('/v1/notifications/stream', assignee.headers);
    await waitFor(() => live.comments.includes('connected'), 20_000, { message: 'the stream to open' });
    const claim = await createClaim();
    const as = { headers: editor.headers, as: 'anonymous' as const };
    const triaged = await api.request({
      method: 'POST',
      url: `/v1/claims/${claim.id}/triage`,
      payload: {},
      ...as,
    });
    expect(triaged.statusCode).toBe(200);
    const assignedNow = await api.request({
      method: 'POST',
      url: `/v1/claims/${claim.id}/assign`,
      payload: { assigneeId: assignee.user!.id },
      ...as,
    });
    expect(assignedNow.statusCode).toBe(200);
    await waitFor(() => live.events.length === 1, 20_000, { message: 'the SSE message for the assignment' });
    expect(live.events[0].data).toMatchObject({
      type: 'claim.assigned',
      claimId: claim.id,
      actor: { id: editor.user!.id },
    });

    const note = await api.request({
      method: 'POST',
      url: `/v1/claims/${claim.id}/notes`,
      payload: { body: `@${colleague.user!.handle} can you check the second source?` },
      headers: assignee.headers,
      as: 'anonymous',
    });
    expect(note.statusCode).toBe(201);
    await worker.settled();
    expect((await list(colleague)).items).toEqual([
      expect.objectContaining({
        type: 'note.mention',
        claimId: claim.id,
        actor: expect.objectContaining({ id: assignee.user!.id }),
      }),
    ]);
    // The author of the note hears nothing of it; the editor who assigned hears nothing at all.
    expect((await list(assignee)).items.map((item) => item.type)).toEqual(['claim.assigned']);
    expect(live.events).toHaveLength(1);
  });

  it('keeps the stream alive with heartbeats and stops listening when the client leaves', async () => {
    const user = await factChecker();
    const live = await stream('/v1/notifications/stream', user.headers);
    await waitFor(() => live.comments.filter((comment) => comment === 'heartbeat').length >= 2, 20_000, {
      message: 'two heartbeats',
    });
    const service = api.app.get(NotificationStreams);
    const before = service.openStreams;
    live.close();
    await waitFor(() => service.openStreams === before - 1, 20_000, {
      message: 'the stream to be cleaned up',
    });
  });

  it('replays what a reconnecting client missed after Last-Event-ID, and nothing before it', async () => {
    const user = await factChecker();
    const claim = await createClaim();
    const first = await append('claim.assigned', claim.id, editor.principal, assigned(user.user!.id));
    await worker.settled();
    const [seen] = await worker.dataSource.query(
      `SELECT seq::text AS seq FROM notifications WHERE event_id = $1`,
      [first],
    );
    await append('claim.sent_back', claim.id, editor.principal, {
      version: 1,
      reviewId: randomUUID(),
      comment: 'Needs a second source',
      assigneeId: user.user!.id,
    });
    // Jobs run concurrently; settling in between fixes the order the two are stored in.
    await worker.settled();
    await append('claim.due_soon', claim.id, null, {
      assignmentId: randomUUID(),
      assigneeId: user.user!.id,
      dueAt: new Date().toISOString(),
    });
    await worker.settled();

    const live = await stream('/v1/notifications/stream', { ...user.headers, 'last-event-id': seen.seq });
    await waitFor(() => live.events.length >= 2, 20_000, { message: 'the replay' });
    expect(live.events.map((event) => event.data.type)).toEqual(['claim.sent_back', 'claim.due_soon']);
    expect(live.events[1].data).toMatchObject({ actor: null, text: expect.stringMatching(/^Due soon: /) });
    expect(Number(live.events[0].id)).toBeGreaterThan(Number(seen.seq));
    expect(Number(live.events[1].id)).toBeGreaterThan(Number(live.events[0].id));

    // Live delivery continues after the replay.
    await append('claim.assigned', claim.id, editor.principal, assigned(user.user!.id));
    await waitFor(() => live.events.length === 3, 20_000, { message: 'the live message after the replay' });
    expect(live.events[2].data.type).toBe('claim.assigned');
  });

  it('opens the stream with a short-lived stream token that works nowhere else', async () => {
    const user = await factChecker();
    const issued = await api.request({
      method: 'POST',
      url: '/v1/notifications/stream-token',
      headers: user.headers,
      as: 'anonymous',
    });
    expect(issued.statusCode).toBe(200);
    expect(issued.data).toEqual({ token: expect.any(String), expiresIn: 60 });
    const token = issued.data.token as string;

    const live = await stream(`/v1/notifications/stream?token=${encodeURIComponent(token)}`);
    expect(live.status).toBe(200);
    const claim = await createClaim();
    await append('claim.assigned', claim.id, editor.principal, assigned(user.user!.id));
    await waitFor(() => live.events.length === 1, 20_000, { message: 'the SSE message via stream token' });

    const asBearer = await api.request({
      method: 'GET',
      url: '/v1/notifications',
      headers: { authorization: `Bearer ${token}` },
      as: 'anonymous',
    });
    expect(asBearer.statusCode).toBe(401);
    const onOtherRoute = await api.request({ method: 'GET', url: `/v1/me?token=${token}`, as: 'anonymous' });
    expect(onOtherRoute.statusCode).toBe(401);
    // An access token does not belong in a URL: the stream refuses it there.
    const accessInUrl = await api.request({
      method: 'GET',
      url: `/v1/notifications/stream?token=${user.headers.authorization.slice(7)}`,
      as: 'anonymous',
    });
    expect(accessInUrl.statusCode).toBe(401);
    expect(accessInUrl.headers['content-type']).toContain('application/problem+json');
    const forged = await api.request({
      method: 'GET',
      url: `/v1/notifications/stream?token=${token.slice(0, -4)}AAAA`,
      as: 'anonymous',
    });
    expect(forged.statusCode).toBe(401);

    const newsroom = await createApiKeySession(api);
    const fromKey = await api.request({
      method: 'POST',
      url: '/v1/notifications/stream-token',
      headers: newsroom.headers,
      as: 'anonymous',
    });
    expect(fromKey.statusCode).toBe(403);
  });

  it('notifies only the mentioned users of a note, never its author', async () => {
    const author = await factChecker();
    const mentioned = await factChecker();
    const bystander = await factChecker();
    const claim = await createClaim();
    const eventId = await append('claim.note_added', claim.id, author.principal, {
      noteId: randomUUID(),
      mentions: [mentioned.user!.id],
    });
    await worker.settled();
    const rows = await rowsOfEvent(eventId);
    expect(rows.map((row) => [row.recipient_id, row.type])).toEqual([[mentioned.user!.id, 'note.mention']]);
    expect((await list(mentioned)).items[0]).toMatchObject({
      type: 'note.mention',
      text: expect.stringContaining(`${author.user!.name} mentioned you in a note`),
    });
    expect((await list(author)).items).toEqual([]);
    expect((await list(bystander)).items).toEqual([]);
  });

  it('never tells the actor of their own action, and tells the assignee of evidence others add', async () => {
    const assignee = await factChecker();
    const colleague = await factChecker();
    const claim = await createClaim();
    await worker.dataSource.query(`UPDATE claims SET assignee_id = $2 WHERE id = $1`, [
      claim.id,
      assignee.user!.id,
    ]);

    const selfAssigned = await append(
      'claim.assigned',
      claim.id,
      assignee.principal,
      assigned(assignee.user!.id),
    );
    const ownEvidence = await append('claim.evidence_added', claim.id, assignee.principal, {
      version: 1,
      evidence: { id: randomUUID(), kind: 'report', summary: 'A report.', relation: 'supports' },
    });
    const theirEvidence = await append('claim.evidence_added', claim.id, colleague.principal, {
      version: 1,
      evidence: { id: randomUUID(), kind: 'report', summary: 'A report.', relation: 'supports' },
    });
    await worker.settled();
    expect(await rowsOfEvent(selfAssigned)).toEqual([]);
    expect(await rowsOfEvent(ownEvidence)).toEqual([]);
    expect((await rowsOfEvent(theirEvidence)).map((row) => row.recipient_id)).toEqual([assignee.user!.id]);
    expect((await list(colleague)).items).toEqual([]);
  });

  it('tells the assignee and every active editor about an overdue claim', async () => {
    const assignee = await factChecker();
    const claim = await createClaim();
    const eventId = await append('claim.overdue', claim.id, null, {
      assignmentId: randomUUID(),
      assigneeId: assignee.user!.id,
      dueAt: new Date().toISOString(),
    });
    await worker.settled();
    const recipients = (await rowsOfEvent(eventId)).map((row) => row.recipient_id);
    expect(recipients).toContain(assignee.user!.id);
    expect(recipients).toContain(editor.user!.id);
    // Everyone else told is an active editor (other suites may add editors meanwhile, so no exact count).
    const others = recipients.filter((id) => id !== assignee.user!.id);
    const [{ editors }] = await worker.dataSource.query(
      `SELECT count(*)::int AS editors FROM users WHERE active AND 'editor' = ANY(roles) AND id = ANY($1::uuid[])`,
      [others],
    );
    expect(editors).toBe(others.length);
    expect(new Set(recipients).size).toBe(recipients.length);
  });

  it('lists muted types in-app but does not mail them', async () => {
    const user = await factChecker({ email: true, mute: ['claim.assigned'] });
    const claim = await createClaim();
    const muted = await append('claim.assigned', claim.id, editor.principal, assigned(user.user!.id));
    await worker.settled();
    expect((await rowsOfEvent(muted))[0]).toMatchObject({ email_state: 'none' });
    expect((await list(user)).items.map((item) => item.type)).toEqual(['claim.assigned']);

    // A type they did not mute is mailed; by then the muted one would have arrived too.
    await append('claim.sent_back', claim.id, editor.principal, {
      version: 1,
      reviewId: randomUUID(),
      comment: 'Check the date',
      assigneeId: user.user!.id,
    });
    await waitFor(() => mailsTo(user.user!.email).length === 1, 20_000, { message: 'the unmuted mail' });
    await worker.settled();
    expect(mailsTo(user.user!.email).map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^\[claimdesk\] Edna Editor sent back your review of/),
    ]);
  });

  it('creates each notification once when the same event is handled again', async () => {
    const user = await factChecker({ email: true });
    const live = await stream('/v1/notifications/stream', user.headers);
    await waitFor(() => live.comments.includes('connected'), 20_000);
    const claim = await createClaim();
    const eventId = await append('claim.assigned', claim.id, editor.principal, assigned(user.user!.id));
    await worker.settled();
    await waitFor(() => mailsTo(user.user!.email).length === 1, 20_000, { message: 'the first mail' });

    // A replay after BullMQ forgot the job (its dedupe id only lasts a day) runs the handler again.
    const delivery = worker.app.get(NotificationDelivery);
    expect(await delivery.notifyForEvent(eventId)).toEqual([]);
    expect(await delivery.notifyForEvent(eventId)).toEqual([]);
    await worker.jobs.queue('notifications').remove(`notifications.event-${eventId}`);
    await worker.jobs.add('notifications.event', { eventId });
    await worker.settled();

    expect(await rowsOfEvent(eventId)).toHaveLength(1);
    expect((await list(user)).items).toHaveLength(1);
    expect(live.events).toHaveLength(1);
    expect(mailsTo(user.user!.email)).toHaveLength(1);
  });

  it('keeps in-app delivery when mail fails, and retries the mail with backoff', async () => {
    const user = await factChecker({ email: true }, `bounce-${randomUUID().slice(0, 8)}@test.claimdesk.dev`);
    const claim = await createClaim();
    const eventId = await append('claim.assigned', claim.id, editor.principal, assigned(user.user!.id));
    await worker.settled();
    const [row] = await rowsOfEvent(eventId);
    expect((await list(user)).items.map((item) => item.id)).toEqual([row.id]);
    const job = await waitFor(
      async () => {
        const found = await worker.jobs.queue('notifications').getJob(`notifications.email-${row.id}`);
        return found && found.attemptsMade >= 1 && (await found.getState()) === 'delayed' ? found : null;
      },
      5000,
      { message: 'the failed mail job to wait for its retry' },
    );
    expect(job.failedReason).toMatch(/mailbox unavailable/);
    expect((await rowsOfEvent(eventId))[0].email_state).toBe('queued');
    await job.remove();
  });

  it('mails a daily digest to those who chose it, once', async () => {
    const user = await factChecker({ email: true, mode: 'digest', mute: ['claim.due_soon'] });
    const claim = await createClaim();
    await append('claim.assigned', claim.id, editor.principal, assigned(user.user!.id));
    await append('claim.sent_back', claim.id, editor.principal, {
      version: 1,
      reviewId: randomUUID(),
      comment: 'Needs sources',
      assigneeId: user.user!.id,
    });
    await append('claim.due_soon', claim.id, null, {
      assignmentId: randomUUID(),
      assigneeId: user.user!.id,
      dueAt: new Date().toISOString(),
    });
    await worker.settled();
    expect(mailsTo(user.user!.email)).toEqual([]);

    const delivery = worker.app.get(NotificationDelivery);
    await delivery.sendDigests();
    const [digest] = mailsTo(user.user!.email);
    expect(digest.subject).toBe('[claimdesk] 2 notifications today');
    expect(digest.body).toContain('assigned you');
    expect(digest.body).toContain('sent back your review');
    expect(digest.body).not.toContain('Due soon');
    await delivery.sendDigests();
    expect(mailsTo(user.user!.email)).toHaveLength(1);

    const repeatable = await worker.jobs.queue('notifications').getJobScheduler('notifications-digest');
    expect(repeatable).toMatchObject({ name: 'notifications.digest', pattern: '0 7 * * *' });
  });

  it('marks one or all read, filters unread and pages newest first', async () => {
    const user = await factChecker();
    const other = await factChecker();
    const claim = await createClaim();
    for (let round = 0; round < 3; round += 1) {
      await append('claim.assigned', claim.id, editor.principal, assigned(user.user!.id));
    }
    await append('claim.assigned', claim.id, editor.principal, assigned(other.user!.id));
    await worker.settled();

    const all = await list(user);
    expect(all.items).toHaveLength(3);
    const first = await list(user, '?limit=2');
    expect(first.items).toEqual(all.items.slice(0, 2));
    const second = await list(user, `?limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: all.items.slice(2), nextCursor: null });

    const read = await api.request({
      method: 'POST',
      url: `/v1/notifications/${all.items[1].id}/read`,
      headers: user.headers,
      as: 'anonymous',
    });
    expect(read.statusCode).toBe(200);
    expect(read.data).toMatchObject({ id: all.items[1].id, readAt: expect.any(String) });
    expect((await list(user, '?unread=true')).items.map((item) => item.id)).toEqual([
      all.items[0].id,
      all.items[2].id,
    ]);

    const othersId = (await list(other)).items[0].id;
    for (const id of [othersId, randomUUID()]) {
      const refused = await api.request({
        method: 'POST',
        url: `/v1/notifications/${id}/read`,
        headers: user.headers,
        as: 'anonymous',
      });
      expect(refused.statusCode).toBe(404);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await list(other, '?unread=true')).items).toHaveLength(1);

    const readAll = await api.request({
      method: 'POST',
      url: '/v1/notifications/read-all',
      headers: user.headers,
      as: 'anonymous',
    });
    expect(readAll.statusCode).toBe(200);
    expect(readAll.data).toEqual({ marked: 2 });
    expect((await list(user, '?unread=true')).items).toEqual([]);
    const me = await api.request({ method: 'GET', url: '/v1/me', headers: user.headers, as: 'anonymous' });
    expect(me.data.unreadNotifications).toBe(0);
  });

  it('stores preferences and shows them in /v1/me', async () => {
    const user = await factChecker();
    const response = await api.request({
      method: 'PUT',
      url: '/v1/me/notification-preferences',
      headers: user.headers,
      as: 'anonymous',
      payload: { email: true, mode: 'digest', mute: ['claim.evidence_added'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.data).toEqual({ email: true, mode: 'digest', mute: ['claim.evidence_added'] });
    const me = await api.request({ method: 'GET', url: '/v1/me', headers: user.headers, as: 'anonymous' });
    expect(me.data.user.notificationPreferences).toEqual(response.data);
  });

  it.each([
    ['no body fields', {}, 'email'],
    ['email not a boolean', { email: 'yes' }, 'email'],
    ['an unknown field', { email: true, sms: true }, 'sms'],
    ['an unknown muted type', { email: true, mute: ['claim.nope'] }, 'mute'],
    ['mute not a list', { email: true, mute: 'claim.assigned' }, 'mute'],
    ['a repeated muted type', { email: true, mute: ['claim.assigned', 'claim.assigned'] }, 'mute'],
    ['an unknown mode', { email: true, mode: 'weekly' }, 'mode'],
  ])('refuses preferences with %s (400)', async (_, payload, field) => {
    const user = await factChecker();
    const response = await api.request({
      method: 'PUT',
      url: '/v1/me/notification-preferences',
      headers: user.headers,
      as: 'anonymous',
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.data.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it.each([
    ['a bad notification id', 'POST', '/v1/notifications/not-a-uuid/read', {}],
    ['unread not a boolean', 'GET', '/v1/notifications?unread=maybe', {}],
    ['limit 0', 'GET', '/v1/notifications?limit=0', {}],
    ['a forged cursor', 'GET', '/v1/notifications?cursor=WyJ4Il0x', {}],
    ['an unknown query parameter', 'GET', '/v1/notifications?sort=asc', {}],
    ['a bad Last-Event-ID', 'GET', '/v1/notifications/stream', { 'last-event-id': 'abc' }],
  ])('answers %s with 400', async (_, method, url, headers) => {
    const user = await factChecker();
    const response = await api.request({
      method: method as 'GET',
      url,
      headers: { ...user.headers, ...headers },
      as: 'anonymous',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps newsroom keys out (403)', async () => {
    const newsroom = await createApiKeySession(api);
    for (const [method, url] of [
      ['GET', '/v1/notifications'],
      ['GET', '/v1/notifications/stream'],
      ['POST', '/v1/notifications/read-all'],
    ]) {
      const response = await api.request({
        method: method as 'GET',
        url,
        headers: newsroom.headers,
        as: 'anonymous',
      });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
    }
    const me = await api.request({
      method: 'GET',
      url: '/v1/me',
      headers: newsroom.headers,
      as: 'anonymous',
    });
    expect(me.data.unreadNotifications).toBeUndefined();
  });
});
