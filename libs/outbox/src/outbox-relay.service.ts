import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobQueue, JobRequest, TransactionService } from '@claimdesk/platform';
import { Client } from 'pg';
import { jobsForEvent } from './outbox-subscribers';

/** The channel the `events_notify` trigger (migrations/1764270000000-platform.ts) notifies on every insert. */
export const OUTBOX_CHANNEL = 'claimdesk_events';
/** Names the LISTEN connection in pg_stat_activity, so operators (and tests) can find it. */
export const OUTBOX_LISTENER_NAME = 'claimdesk-outbox-listener';

const MIN_RECONNECT_MS = 250;
const MAX_RECONNECT_MS = 30_000;

interface Sleeper {
  done: () => void;
  /** Whether a notification may cut the sleep short; the back-off after a failed batch must not be. */
  wakeable: boolean;
}

/**
 * Moves committed domain events from the `events` table (the outbox) into BullMQ.
 *
 * Each batch locks the oldest undispatched rows with `FOR UPDATE SKIP LOCKED`, enqueues the jobs of
 * their subscribers, marks them dispatched and commits. Several relays (one per worker process)
 * can run at once: SKIP LOCKED gives each batch rows no other relay holds, and a row committed as
 * dispatched by one relay no longer matches another's `dispatched_at IS NULL`. Order is by id
 * within a relay; across relays batches may finish out of order, which consumers tolerate since
 * they read the current rows rather than trusting arrival order.
 *
 * It wakes on `LISTEN claimdesk_events` and polls every OUTBOX_POLL_MS as a fallback (a lost
 * notification, a dropped LISTEN connection, events committed before it started).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private listener?: Client;
  private listening = false;
  private reconnectTimer?: NodeJS.Timeout;
  private reconnectDelay = MIN_RECONNECT_MS;
  private woken = false;
  private sleeper?: Sleeper;

  /** Counters for this process's relay; the e2e tests and metrics read them. */
  readonly stats = { batches: 0, events: 0, jobs: 0, failures: 0, listens: 0 };

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  /** Runs before queues and the database close, so the batch in flight can still finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** True while the LISTEN connection is up. */
  get isListening(): boolean {
    return this.listening;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connectListener();
    this.loop = this.run();
  }

  /** Stops listening and polling; resolves once the batch in flight (if any) has committed or rolled back. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    this.listening = false;
    this.sleeper?.done();
    await Promise.all([this.loop, listener?.end().catch(() => undefined)]);
  }

  /**
   * Dispatches one batch and returns how many events it covered.
   *
   * The jobs are enqueued before the commit that marks the rows dispatched. If the process dies
   * or the commit fails in between, the rows stay undispatched and the next batch enqueues them
   * again: delivery is at least once. That is harmless because every job id derives from the
   * event id (see jobOptions), so BullMQ stores the second copy as nothing. The other order
   * (commit, then enqueue) could lose events for good when the enqueue fails after the commit.
   */
  async dispatchBatch(): Promise<number> {
    return this.transactions.run(async (manager) => {
      const rows: { id: string; type: string }[] = await manager.query(
        `SELECT id::text AS id, type
           FROM events
          WHERE dispatched_at IS NULL
          ORDER BY id
          LIMIT $1
            FOR UPDATE SKIP LOCKED`,
        [this.config.OUTBOX_BATCH_SIZE],
      );
      if (!rows.length) return 0;
      const requests: JobRequest[] = rows.flatMap((row) =>
        jobsForEvent(row.type).map((name) => ({ name, payload: { eventId: row.id } })),
      );
      if (requests.length) await this.jobs.addBulk(requests);
      // An event nobody subscribes to is settled at once; the others wait for their receipts (outbox-sweep).
      const unheard = rows.filter((row) => !jobsForEvent(row.type).length).map((row) => row.id);
      await manager.query(
        `UPDATE events SET dispatched_at = now(), settled_at = CASE WHEN id = ANY($2::bigint[]) THEN now() END
          WHERE id = ANY($1::bigint[])`,
        [rows.map((row) => row.id), unheard],
      );
      this.stats.batches += 1;
      this.stats.events += rows.length;
      this.stats.jobs += requests.length;
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let dispatched: number;
      try {
        dispatched = await this.dispatchBatch();
      } catch (error) {
        this.stats.failures += 1;
        this.logger.error(
          `outbox batch failed, retrying in ${this.config.OUTBOX_POLL_MS} ms: ${messageOf(error)}`,
        );
        // Redis or PostgreSQL is down: back off for a poll interval, whatever notifications arrive.
        await this.sleep(this.config.OUTBOX_POLL_MS, false);
        continue;
      }
      // A full batch may have left more behind, and a wake-up during the batch means new rows.
      if (!this.running || dispatched >= this.config.OUTBOX_BATCH_SIZE || this.woken) continue;
      await this.sleep(this.config.OUTBOX_POLL_MS, true);
    }
  }

  private wake(): void {
    this.woken = true;
    if (this.sleeper?.wakeable) this.sleeper.done();
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    // stop() may have run while the batch was in flight; it found no sleeper to cut short then.
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.sleeper === sleeper) this.sleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      const sleeper: Sleeper = { done, wakeable };
      this.sleeper = sleeper;
    });
  }

  private async connectListener(): Promise<void> {
    if (!this.running) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: OUTBOX_LISTENER_NAME,
      keepAlive: true,
    });
    this.listener = client;
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.listenerLost(client, error));
    client.on('end', () => this.listenerLost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.listenerLost(client, error);
      return;
    }
    if (this.listener !== client) {
      // stop() ran while we were connecting.
      await client.end().catch(() => undefined);
      return;
    }
    this.listening = true;
    this.reconnectDelay = MIN_RECONNECT_MS;
    this.stats.listens += 1;
    // Events committed while nobody listened sent their notifications into the void.
    this.wake();
  }

  private listenerLost(client: Client, error?: unknown): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    this.listening = false;
    void client.end().catch(() => undefined);
    if (!this.running) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, MAX_RECONNECT_MS);
    this.logger.warn(
      `outbox LISTEN connection lost${error ? ` (${messageOf(error)})` : ''}; reconnecting in ${delay} ms, polling meanwhile`,
    );
    this.reconnectTimer = setTimeout(() => void this.connectListener(), delay);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
