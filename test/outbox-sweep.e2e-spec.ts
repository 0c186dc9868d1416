import { jobsForEvent, OutboxSweep } from '@claimdesk/outbox';
import { QUEUE_NAMES, QueueName, queueOf } from '@claimdesk/platform';
import { ReviewTimerRecovery } from '@claimdesk/review';
import { isolatedTestEnv, IsolatedTestEnv, startTestWorker, TestWorker, waitFor } from '@claimdesk/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

// Review, notifications and webhooks all subscribe to it.
const EVENT_TYPE = 'claim.assigned';
const CONSUMERS = jobsForEvent(EVENT_TYPE);
/** The queues of the consumers' jobs (webhook deliveries have a queue of their own, unused here: no endpoints). */
const CONSUMER_QUEUES = [...new Set(CONSUMERS.map(queueOf))];
const EVENTS = 30;

describe('outbox sweep', () => {
  // Asserts on every event, receipt and job there is, so it has a database and prefix of its own.
  let isolated: IsolatedTestEnv;
  let db: Client;
  let redis: Redis;
  let worker: TestWorker;
  let prefix: string;
  let testNumber = 0;

  async function insertEvents(count: number): Promise<string[]> {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO events (type, claim_id, payload)
       SELECT $1, $2, jsonb_build_object('n', n) FROM generate_series(1, $3) AS n
       RETURNING id::text AS id`,
      [EVENT_TYPE, randomUUID(), count],
    );
    return rows.map((row) => row.id);
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await db.query<{ count: number }>(sql, params);
    return rows[0].count;
  }

  /** The receipts as `event:consumer`, sorted. */
  async function receipts(): Promise<string[]> {
    const { rows } = await db.query<{ key: string }>(
      `SELECT event_id::text || ':' || consumer AS key FROM outbox_receipts ORDER BY 1`,
    );
    return rows.map((row) => row.key);
  }

  const expected = (eventIds: string[]) =>
    eventIds.flatMap((id) => CONSUMERS.map((consumer) => `${id}:${consumer}`)).sort();

  async function completedPerQueue(): Promise<Record<string, { completed: number; failed: number }>> {
    const result: Record<string, { completed: number; failed: number }> = {};
    for (const name of CONSUMER_QUEUES) {
      const counts = await worker.jobs.queue(name).getJobCounts('completed', 'failed');
      result[name] = { completed: counts.completed, failed: counts.failed };
    }
    return result;
  }

  /** What a Redis restarted without its data looks like to this prefix (the shared Redis keeps the rest). */
  async function emptyRedis(): Promise<void> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
    // One DEL, as a restart loses everything at once: deleted a few keys at a time, the pause could
    // go before the jobs, and a worker take a job whose hash went next (a job with no name, failed).
    if (keys.length) await redis.del(...keys);
  }

  beforeAll(async () => {
    isolated = await isolatedTestEnv('sweep');
    db = new Client({ connectionString: isolated.env.DATABASE_URL });
    await db.connect();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });

  beforeEach(async () => {
    testNumber += 1;
    prefix = `${isolated.env.QUEUE_PREFIX}_${testNumber}`;
    await db.query('TRUNCATE events CASCADE');
    worker = await startTestWorker({ ...isolated.env, QUEUE_PREFIX: prefix, OUTBOX_SWEEP_AFTER_MS: '500' });
  });

  afterEach(async () => {
    await worker?.close();
  });

  afterAll(async () => {
    await redis?.quit();
    await db?.end();
    await isolated?.drop();
  });

  it('gets every relayed event to every consumer once when Redis is emptied between relay and processing', async () => {
    // Paused queues hold the relayed jobs in Redis without running them.
    for (const name of QUEUE_NAMES) await worker.jobs.queue(name).pause();
    const eventIds = await insertEvents(EVENTS);
    await waitFor(
      async () =>
        (await count(`SELECT count(*)::int AS count FROM events WHERE dispatched_at IS NULL`)) === 0,
      20_000,
      { message: 'the relay to dispatch every event' },
    );
    let waiting = 0;
    for (const name of QUEUE_NAMES) waiting += await worker.jobs.queue(name).count();
    expect(waiting).toBe(EVENTS * CONSUMERS.length);
    expect(await receipts()).toEqual([]);

    // Everything the relay enqueued is gone, the pause with it; the events stay marked relayed.
    await emptyRedis();

    await waitFor(async () => (await receipts()).length >= EVENTS * CONSUMERS.length, 30_000, {
      message: 'every consumer to record every event',
    });
    await waitFor(
      async () => (await count(`SELECT count(*)::int AS count FROM events WHERE settled_at IS NULL`)) === 0,
      20_000,
      { message: 'every event to be settled' },
    );
    await worker.settled(20_000);

    expect(await receipts()).toEqual(expected(eventIds));
    expect(worker.app.get(OutboxSweep).stats.requeued).toBeGreaterThanOrEqual(EVENTS * CONSUMERS.length);
    // Once each: one completed job per event and consumer since the flush, and nothing failed.
    expect(await completedPerQueue()).toEqual(
      Object.fromEntries(CONSUMER_QUEUES.map((name) => [name, { completed: EVENTS, failed: 0 }])),
    );
    expect(await count(`SELECT count(*)::int AS count FROM webhook_fanouts`)).toBe(EVENTS);
  });

  it('re-enqueues nothing that ran, and settles it', async () => {
    const eventIds = await insertEvents(EVENTS);
    await waitFor(
      async () => (await count(`SELECT count(*)::int AS count FROM events WHERE settled_at IS NULL`)) === 0,
      30_000,
      { message: 'every event to be settled' },
    );
    await worker.settled(20_000);
    // A busy machine may leave a job waiting past the sweep's 500 ms, so the sweep may have asked
    // for some again: BullMQ still held them and stored nothing. What matters is that each ran once.
    expect(await worker.app.get(OutboxSweep).sweep()).toEqual({ requeued: 0, settled: 0 });
    expect(await receipts()).toEqual(expected(eventIds));
    expect(await completedPerQueue()).toEqual(
      Object.fromEntries(CONSUMER_QUEUES.map((name) => [name, { completed: EVENTS, failed: 0 }])),
    );
  });

  it('settles events nobody subscribes to when relaying them', async () => {
    await db.query(`INSERT INTO events (type, payload) VALUES ('user.created', '{}')`);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*)::int AS count FROM events WHERE dispatched_at IS NOT NULL AND settled_at IS NOT NULL`,
        )) === 1,
      20_000,
      { message: 'the event to be relayed and settled' },
    );
    expect(await receipts()).toEqual([]);
  });

  it('sends again the mail and sets again the due-date timers that Redis lost', async () => {
    // Written straight into the tables, as they would be before Redis lost the jobs: no event
    // relays them, so only the sweeps can enqueue anything for them.
    const {
      rows: [user],
    } = await db.query<{ id: string }>(
      `INSERT INTO users (email, name, handle, password_hash, roles)
       VALUES ($1, 'Sweep Checker', $2, 'x', '{fact_checker}') RETURNING id`,
      [`sweep-${testNumber}-${randomUUID()}@claimdesk.test`, `sweep_${randomUUID().slice(0, 8)}`],
    );
    const due = new Date(Date.now() + 3600_000);
    const {
      rows: [claim],
    } = await db.query<{ id: string }>(
      `INSERT INTO claims (text, status, due_at, updated_at) VALUES ('A claim whose timers Redis forgot', 'assigned', $1, now() - interval '1 hour')
       RETURNING id`,
      [due],
    );
    const {
      rows: [assignment],
    } = await db.query<{ id: string }>(
      `INSERT INTO assignments (claim_id, assignee_id, due_at) VALUES ($1, $2, $3) RETURNING id`,
      [claim.id, user.id, due],
    );
    const {
      rows: [event],
    } = await db.query<{ id: string }>(
      `INSERT INTO events (type, claim_id, payload, dispatched_at, settled_at)
       VALUES ('claim.assigned', $1, '{}', now(), now()) RETURNING id::text AS id`,
      [claim.id],
    );
    const {
      rows: [notification],
    } = await db.query<{ id: string }>(
      `INSERT INTO notifications (recipient_id, type, event_id, claim_id, text, email_state, created_at)
       VALUES ($1, 'claim.assigned', $2, $3, 'You were assigned a claim', 'queued', now() - interval '1 minute')
       RETURNING id`,
      [user.id, event.id, claim.id],
    );

    // No mail server is configured here, so the mail job, once it runs, marks the row skipped.
    await waitFor(
      async () =>
        (
          await db.query(`SELECT 1 FROM notifications WHERE id = $1 AND email_state = 'skipped'`, [
            notification.id,
          ])
        ).rowCount,
      20_000,
      { message: 'the queued mail to be handled' },
    );
    const timer = `review.overdue-${assignment.id}.${due.getTime()}`;
    const review = worker.jobs.queue(QueueName.Review);
    await waitFor(async () => (await review.getJobState(timer)) === 'delayed', 20_000, {
      message: 'the overdue timer to be set again',
    });
    // Found now: the next round leaves it alone.
    expect(await worker.app.get(ReviewTimerRecovery).recover()).toBe(0);
  });
});
