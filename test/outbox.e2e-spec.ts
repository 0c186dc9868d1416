import { EventsService } from '@claimdesk/events';
import { OUTBOX_LISTENER_NAME } from '@claimdesk/outbox';
import { JobQueue, JobRequest, QueueName } from '@claimdesk/platform';
import {
  isolatedTestEnv,
  IsolatedTestEnv,
  recordPreparedStatements,
  startTestWorker,
  TestWorker,
  waitFor,
} from '@claimdesk/testing';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

const ALL_STATES = [
  'completed',
  'failed',
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
] as const;

/** Records the job ids a worker's relay asks BullMQ for, before BullMQ's dedupe hides repeats. */
function recordEnqueues(
  jobs: JobQueue,
  intercept?: (requests: readonly JobRequest[]) => Promise<void>,
): string[] {
  const requested: string[] = [];
  const original = jobs.addBulk.bind(jobs);
  jest.spyOn(jobs, 'addBulk').mockImplementation(async (requests) => {
    // Other subscribers may get jobs for the same events; these tests follow review's.
    const review = requests.filter(
      (request): request is Extract<JobRequest, { name: 'review.event' }> => request.name === 'review.event',
    );
    requested.push(...review.map((request) => `${request.name}-${request.payload.eventId}`));
    await original(requests);
    await intercept?.(requests);
  });
  return requested;
}

describe('outbox relay', () => {
  // This suite asserts on every event and job that exists, so it gets a database and prefix of its own.
  let isolated: IsolatedTestEnv;
  let db: Client;
  let workers: TestWorker[] = [];
  let testNumber = 0;
  let prefix: string;

  async function worker(overrides: Record<string, string> = {}): Promise<TestWorker> {
    const started = await startTestWorker({
      ...isolated.env,
      QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: '60000',
      ...overrides,
    });
    workers.push(started);
    return started;
  }

  /** Commits `count` events of one claim in one transaction; returns their ids in order. */
  async function insertEvents(count: number): Promise<string[]> {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO events (type, claim_id, payload)
       SELECT 'claim.updated', $1, jsonb_build_object('n', n) FROM generate_series(1, $2) AS n
       RETURNING id::text AS id`,
      [randomUUID(), count],
    );
    return rows.map((row) => row.id);
  }

  async function undispatched(): Promise<number> {
    const { rows } = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM events WHERE dispatched_at IS NULL`,
    );
    return rows[0].count;
  }

  async function jobIdsIn(queue: Queue): Promise<string[]> {
    const jobs = await queue.getJobs([...ALL_STATES], 0, -1);
    return jobs.map((job) => String(job.id));
  }

  const expectedIds = (eventIds: string[]) => eventIds.map((id) => `review.event-${id}`).sort();

  beforeAll(async () => {
    isolated = await isolatedTestEnv('outbox');
    db = new Client({ connectionString: isolated.env.DATABASE_URL });
    await db.connect();
  });

  beforeEach(async () => {
    testNumber += 1;
    prefix = `${isolated.env.QUEUE_PREFIX}_${testNumber}`;
    // CASCADE: rows of other features that point at events (none are written in this database).
    await db.query('TRUNCATE events CASCADE');
  });

  afterEach(async () => {
    await Promise.all(workers.map((started) => started.close()));
    workers = [];
  });

  afterAll(async () => {
    await db?.end();
    await isolated?.drop();
  });

  it('enqueues every event exactly once with two relays racing', async () => {
    const [a, b] = await Promise.all([
      worker({ OUTBOX_BATCH_SIZE: '7' }),
      worker({ OUTBOX_BATCH_SIZE: '7' }),
    ]);
    await waitFor(() => a.relay.isListening && b.relay.isListening, 15_000, {
      message: 'both relays to listen',
    });
    // a holds its first batch's row locks until b has committed a batch of its own: b can only get
    // there by skipping the locked rows, so this fails if relays wait for each other's locks.
    let held = false;
    const requestedByA = recordEnqueues(a.jobs, async () => {
      if (held) return;
      held = true;
      await waitFor(() => b.relay.stats.events > 0, 15_000, { message: 'b to dispatch while a holds locks' });
    });
    const requestedByB = recordEnqueues(b.jobs);

    const eventIds = await insertEvents(300);
    await waitFor(async () => (await undispatched()) === 0, 15_000, { message: 'all events dispatched' });
    const requested = [...requestedByA, ...requestedByB];

    // Each event was locked and enqueued by one relay only, not merely deduplicated by BullMQ.
    expect(a.relay.stats.events + b.relay.stats.events).toBe(300);
    expect(requested).toHaveLength(300);
    expect([...requested].sort()).toEqual(expectedIds(eventIds));
    expect(a.relay.stats.events).toBeGreaterThan(0);
    expect(b.relay.stats.events).toBeGreaterThan(0);

    const queue = a.jobs.queue(QueueName.Review);
    expect((await jobIdsIn(queue)).sort()).toEqual(expectedIds(eventIds));
    await a.settled();
    expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: 300, failed: 0 });
  });

  it('loses nothing when a relay dies mid-batch, and the restart enqueues nothing twice', async () => {
    const a = await worker({ OUTBOX_BATCH_SIZE: '5' });
    await waitFor(() => a.relay.isListening, 15_000, { message: 'the relay to listen' });
    let batches = 0;
    const requestedByA = recordEnqueues(a.jobs, async () => {
      batches += 1;
      if (batches < 3) return;
      // The third batch's jobs are in Redis but its transaction never commits, as when the process dies.
      void a.relay.stop();
      throw new Error('killed mid-batch');
    });

    const eventIds = await insertEvents(40);
    await waitFor(() => !a.relay.isRunning && batches === 3, 15_000, { message: 'the relay to die' });
    await a.relay.stop();

    expect(requestedByA).toHaveLength(15);
    expect(await undispatched()).toBe(30);
    const queue = a.jobs.queue(QueueName.Review);
    expect((await jobIdsIn(queue)).sort()).toEqual(expectedIds(eventIds.slice(0, 15)));

    const b = await worker({ OUTBOX_BATCH_SIZE: '5' });
    await waitFor(async () => (await undispatched()) === 0, 20_000, { message: 'the rest dispatched' });
    // b enqueued the uncommitted batch again (at least once), which BullMQ stored as nothing new.
    expect(b.relay.stats.events).toBe(30);
    expect((await jobIdsIn(queue)).sort()).toEqual(expectedIds(eventIds));
  });

  it('is woken by NOTIFY long before its poll interval', async () => {
    const a = await worker();
    await waitFor(() => a.relay.isListening, 15_000, { message: 'the relay to listen' });
    const queue = a.jobs.queue(QueueName.Review);

    const started = Date.now();
    const [eventId] = await insertEvents(1);
    // The poll interval is 60 s; anything well within it can only be the notification, even on a
    // machine busy enough to take seconds over it.
    await waitFor(() => queue.getJob(`review.event-${eventId}`), 20_000, { message: 'the job' });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('listens again after its connection drops, catching up on what it missed', async () => {
    const a = await worker();
    await waitFor(() => a.relay.isListening, 15_000, { message: 'the relay to listen' });
    const queue = a.jobs.queue(QueueName.Review);

    const { rows } = await db.query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE application_name = $1 AND datname = current_database()`,
      [OUTBOX_LISTENER_NAME],
    );
    expect(rows).toEqual([{ terminated: true }]);
    // Committed while nobody listens: only the catch-up after reconnecting can relay it this fast.
    const [missed] = await insertEvents(1);
    // Generous waits: reconnecting backs off, and CI machines are busy; the poll interval stays far longer.
    await waitFor(() => a.relay.stats.listens === 2 && a.relay.isListening, 15_000, {
      message: 'LISTEN again',
    });
    await waitFor(() => queue.getJob(`review.event-${missed}`), 15_000, { message: 'the missed job' });

    const [later] = await insertEvents(1);
    await waitFor(() => queue.getJob(`review.event-${later}`), 15_000, { message: 'the next job' });
    // The relay enqueues before it commits the rows as dispatched, so the job shows first.
    await waitFor(async () => (await undispatched()) === 0, 15_000, { message: 'the batch to commit' });
  });

  it('finishes the batch in flight when shut down', async () => {
    const a = await worker({ OUTBOX_BATCH_SIZE: '10' });
    await waitFor(() => a.relay.isListening, 15_000, { message: 'the relay to listen' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inFlight = false;
    recordEnqueues(a.jobs, async () => {
      inFlight = true;
      await held;
    });

    await insertEvents(25);
    await waitFor(() => inFlight, 15_000, { message: 'a batch in flight' });
    const closing = a.close();
    release();
    await closing;

    // The first batch committed; shutdown did not start another one.
    expect(a.relay.stats.events).toBe(10);
    expect(await undispatched()).toBe(15);
  });

  it('answers the event look-ups of jobs that run together in one statement, each with its own event', async () => {
    const started = await worker();
    // The relay's own jobs for these events would read them too: they wait in paused queues.
    for (const name of Object.values(QueueName)) await started.jobs.queue(name).pause();
    const events = started.app.get(EventsService);
    const [first, second] = await insertEvents(2);
    const statements = recordPreparedStatements(started.dataSource);

    const [a, b, unknown, again] = await Promise.all([
      events.findRelayed(second),
      events.findRelayed(first),
      events.findRelayed('999999999999'),
      events.findRelayed(second),
    ]);
    expect([a?.id, a?.payload, b?.id, b?.payload, unknown, again?.id]).toEqual([
      second,
      { n: 2 },
      first,
      { n: 1 },
      null,
      second,
    ]);
    expect(statements.valuesOf('events-relayed')).toEqual([[[second, first, '999999999999', second]]]);
    // A malformed id fails its own look-up only, not the statement it would have shared.
    const [malformed, beside] = await Promise.allSettled([
      events.findRelayed('1; DROP TABLE events'),
      events.findRelayed(first),
    ]);
    expect(malformed).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringContaining('not an event id') },
    });
    expect(beside).toMatchObject({ status: 'fulfilled', value: { id: first } });
  });
});
