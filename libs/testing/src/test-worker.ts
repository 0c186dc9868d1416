import { INestApplicationContext } from '@nestjs/common';
import { OutboxRelay } from '@claimdesk/outbox';
import {
  AppConfig,
  ensureDatabase,
  JobQueue,
  loadConfig,
  QUEUE_NAMES,
  runMigrations,
} from '@claimdesk/platform';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createWorker } from '../../../apps/worker/src/create-worker';
import { waitFor } from './wait-for';

export interface TestWorker {
  app: INestApplicationContext;
  config: AppConfig;
  jobs: JobQueue;
  relay: OutboxRelay;
  dataSource: DataSource;
  /**
   * Resolves when every committed event has been relayed and no job is waiting or running, i.e.
   * the effects of what the test did so far are visible. Delayed jobs (timers, retries) don't count.
   */
  settled(timeoutMs?: number): Promise<void>;
  /** Graceful shutdown, as on SIGTERM: the relay finishes its batch and running jobs finish. */
  close(): Promise<void>;
}

/**
 * Boots the real worker (outbox relay, BullMQ processors) against the run's database and queue
 * prefix (see test/global-setup.ts), or against `overrides`. Several may run in one test.
 */
export async function startTestWorker(overrides: Partial<Record<string, string>> = {}): Promise<TestWorker> {
  const config = loadConfig({ ...process.env, ...overrides });
  const app = await createWorker(config, { handleSignals: false });
  const jobs = app.get(JobQueue);
  const dataSource = app.get(DataSource);
  let closed: Promise<void> | undefined;
  return {
    app,
    config,
    jobs,
    relay: app.get(OutboxRelay),
    dataSource,
    async settled(timeoutMs = 30_000) {
      await waitFor(
        async () => {
          const [{ pending }] = await dataSource.query(
            `SELECT count(*)::int AS pending FROM events WHERE dispatched_at IS NULL`,
          );
          if (pending > 0) return false;
          for (const name of QUEUE_NAMES) {
            const counts = await jobs.queue(name).getJobCounts('waiting', 'active', 'prioritized');
            if (Object.values(counts).some((count) => count > 0)) return false;
          }
          return true;
        },
        timeoutMs,
        { message: 'the outbox and queues to settle' },
      );
    },
    close() {
      closed ??= app.close();
      return closed;
    },
  };
}

export interface IsolatedTestEnv {
  /** Overrides for startTestWorker/startTestApi: a database and queue prefix of this suite's own. */
  env: { DATABASE_URL: string; QUEUE_PREFIX: string };
  drop(): Promise<void>;
}

/**
 * A freshly migrated database and queue prefix for one suite, for tests that assert on every
 * event or job in the system and so must not see other suites running in parallel. The prefix
 * starts with the run's, so global teardown removes its Redis keys.
 */
export async function isolatedTestEnv(label: string): Promise<IsolatedTestEnv> {
  const base = loadConfig(process.env);
  const url = new URL(base.DATABASE_URL);
  url.pathname = `${url.pathname}_${label}`;
  const env = { DATABASE_URL: url.toString(), QUEUE_PREFIX: `${base.QUEUE_PREFIX}_${label}` };
  await ensureDatabase(env.DATABASE_URL);
  await runMigrations(env.DATABASE_URL);
  return {
    env,
    async drop() {
      if (process.env.KEEP_TEST_DB) return;
      const admin = new URL(env.DATABASE_URL);
      const name = decodeURIComponent(admin.pathname.slice(1));
      admin.pathname = '/postgres';
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
