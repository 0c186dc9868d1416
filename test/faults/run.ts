/* eslint-disable no-console -- a command-line report */
import {
  appEnv,
  Books,
  createDatabase,
  dropDatabase,
  keepBooks,
  LOG_DIR,
  LoadStats,
  Proc,
  Receiver,
  RedisServer,
  signIn,
  sleep,
  Stack,
  startApi,
  startWorker,
  subscribe,
  terminateBackends,
  until,
  writeLoad,
} from './harness';

/**
 * `npm run test:faults`: each scenario boots the built api and worker as child processes against a
 * database of its own and a redis-server this suite starts on a spare port, writes claims (each
 * created, then updated) while something breaks, and keeps the books against a Standard Webhooks
 * receiver. One line of books per scenario; any loss, phantom, 500, out-of-order first delivery or
 * given-up write fails the suite, and so does a SIGKILL recovery slower than the limit.
 *
 * FAULTS=name,name runs some scenarios only (names as printed, e.g. FAULTS=sigkill,redis-empty).
 */
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CLAIMS = env('FAULTS_CLAIMS', 150);
const REDIS_DOWN_MS = env('FAULTS_REDIS_DOWN_MS', 30_000);
/** The suite shortens the sweep's age (default 60 s) so a Redis that came back empty recovers within the run. */
const SWEEP_AFTER_MS = env('FAULTS_SWEEP_AFTER_MS', 10_000);
const RECOVERY_LIMIT_MS = env('FAULTS_RECOVERY_LIMIT_MS', 15_000);
const SETTLE_MS = env('FAULTS_SETTLE_MS', 120_000);

interface Context {
  stack: Stack;
  workers: Proc[];
  load: LoadStats;
  receiver: Receiver;
  /** Extra figures for the books line. */
  notes: Record<string, number | string>;
  /** A check of the scenario's own; a message fails it. */
  problems: string[];
}

interface Scenario {
  name: string;
  title: string;
  apis?: number;
  workers?: number;
  /** Lanes of the load and their pause between claims: spread the writes over faults that last. */
  concurrency?: number;
  paceMs?: number;
  fault(context: Context): Promise<void>;
}

const progress = (context: Context, share: number) =>
  until(() => context.load.done >= CLAIMS * share, 120_000, `${Math.round(share * 100)} % of the writes`, 20);

async function restartWorker(context: Context, index: number, signal: NodeJS.Signals): Promise<number> {
  const worker = context.workers[index];
  const signalled = Date.now();
  worker.kill(signal);
  await worker.exited;
  const stoppedMs = Date.now() - signalled;
  const spawned = Date.now();
  context.workers[index] = await startWorker(context.stack, `worker-${index + 1}-restarted`);
  context.notes.restart_boot_ms = Date.now() - spawned;
  return stoppedMs;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'sigkill',
    title: 'worker SIGKILL mid-burst',
    async fault(context) {
      await progress(context, 1 / 3);
      const killedAt = Date.now();
      await restartWorker(context, 0, 'SIGKILL');
      // The restart is the spawn of the new process, right after the old one died.
      context.notes.restartedAt = killedAt;
    },
  },
  {
    name: 'sigterm',
    title: 'worker SIGTERM mid-burst (drains)',
    async fault(context) {
      await progress(context, 1 / 3);
      context.notes.drain_ms = await restartWorker(context, 0, 'SIGTERM');
    },
  },
  {
    name: 'redis-down',
    title: `Redis down ${REDIS_DOWN_MS / 1000} s while writes continue`,
    concurrency: 2,
    paceMs: Math.max(50, Math.round((REDIS_DOWN_MS * 1.5 * 2) / CLAIMS)),
    async fault(context) {
      await progress(context, 1 / 5);
      await context.stack.redis.down();
      const before = context.load.done;
      await sleep(REDIS_DOWN_MS);
      context.notes.writes_while_down = context.load.done - before;
      if (context.load.done === before) context.problems.push('no write succeeded while Redis was down');
      await context.stack.redis.up();
    },
  },
  {
    name: 'redis-empty',
    title: 'Redis restarted empty',
    concurrency: 4,
    paceMs: 20,
    async fault(context) {
      await progress(context, 1 / 3);
      await context.stack.redis.restartEmpty();
    },
  },
  {
    name: 'pg-terminate',
    title: 'PostgreSQL backends terminated during load',
    concurrency: 4,
    paceMs: 30,
    async fault(context) {
      let terminated = 0;
      for (const share of [0.2, 0.35, 0.5, 0.65, 0.8]) {
        await progress(context, share);
        terminated += await terminateBackends(context.stack.databaseUrl);
      }
      context.notes.backends_terminated = terminated;
    },
  },
  {
    name: 'two-by-two',
    title: 'two APIs and two workers at once',
    apis: 2,
    workers: 2,
    async fault() {},
  },
];

function booksLine(scenario: Scenario, books: Books, context: Context, verdict: string): string {
  const figures: Record<string, number | string> = {
    committed: books.committed,
    delivered: books.delivered,
    lost: books.lost,
    phantom: books.phantom,
    dup_same_id: books.duplicatesSameId,
    dup_new_id: books.duplicatesNewId,
    out_of_order: books.outOfOrder,
    http_5xx: books.http5xx,
    http_500: books.http500,
    retries: context.load.retries,
    failed_msgs: books.failedMessages,
    bad_sigs: books.badSignatures,
    ...Object.fromEntries(Object.entries(context.notes).filter(([key]) => key !== 'restartedAt')),
  };
  const text = Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  return `faults: ${scenario.title}: ${text} → ${verdict}`;
}

async function run(scenario: Scenario, redis: RedisServer, index: number): Promise<boolean> {
  const db = `claimdesk_faults_${Date.now().toString(36)}_${index}`;
  const databaseUrl = await createDatabase(db);
  const base = { name: scenario.name, db, databaseUrl, redis };
  const stack: Stack = { ...base, env: appEnv(base, { OUTBOX_SWEEP_AFTER_MS: String(SWEEP_AFTER_MS) }) };
  const receiver = await Receiver.start();
  const procs: Proc[] = [];
  const workers: Proc[] = [];
  try {
    const apis = [];
    for (let n = 1; n <= (scenario.apis ?? 1); n += 1) {
      const api = await startApi(stack, `api-${n}`);
      procs.push(api.proc);
      apis.push({ base: api.base, headers: await signIn(api.base) });
    }
    for (let n = 1; n <= (scenario.workers ?? 1); n += 1)
      workers.push(await startWorker(stack, `worker-${n}`));
    await subscribe(apis[0].base, apis[0].headers, receiver);

    const started = Date.now();
    const { stats, finished } = writeLoad(apis, CLAIMS, scenario.concurrency ?? 8, scenario.paceMs ?? 0);
    const context: Context = { stack, workers, load: stats, receiver, notes: {}, problems: [] };
    await scenario.fault(context);
    await finished;

    let books = await keepBooks(databaseUrl, receiver, stats);
    const settleDeadline = Date.now() + SETTLE_MS;
    while (books.lost > 0 && Date.now() < settleDeadline) {
      await sleep(250);
      books = await keepBooks(databaseUrl, receiver, stats);
    }
    context.notes.elapsed_ms = Date.now() - started;
    if (typeof context.notes.restartedAt === 'number') {
      const recovery = books.lastArrivalAt - context.notes.restartedAt;
      context.notes.restart_to_last_delivery_ms = recovery;
      context.notes.burst_end_to_last_delivery_ms = books.lastArrivalAt - (stats.finishedAt ?? 0);
      if (recovery > RECOVERY_LIMIT_MS)
        context.problems.push(
          `last delivery ${recovery} ms after the restart (limit ${RECOVERY_LIMIT_MS} ms)`,
        );
    }
    if (stats.abandoned) context.problems.push(`${stats.abandoned} writes given up after retries`);
    const failed =
      books.lost > 0 ||
      books.phantom > 0 ||
      books.http500 > 0 ||
      books.outOfOrder > 0 ||
      books.failedMessages > 0 ||
      books.badSignatures > 0 ||
      context.problems.length > 0;
    console.log(booksLine(scenario, books, context, failed ? `FAIL ${context.problems.join('; ')}` : 'ok'));
    return !failed;
  } catch (error) {
    console.log(`faults: ${scenario.title}: ERROR ${error instanceof Error ? error.message : String(error)}`);
    return false;
  } finally {
    await Promise.all([...procs, ...workers].map((proc) => proc.stop()));
    await receiver.close();
    if (!redis.isUp) await redis.up();
    await dropDatabase(db);
  }
}

async function main(): Promise<void> {
  const only = process.env.FAULTS?.split(',').map((name) => name.trim());
  const chosen = SCENARIOS.filter((scenario) => !only || only.includes(scenario.name));
  const redis = await RedisServer.start();
  const started = Date.now();
  let ok = true;
  try {
    for (const [index, scenario] of chosen.entries()) ok = (await run(scenario, redis, index)) && ok;
  } finally {
    await redis.stop();
  }
  console.log(
    `faults: ${chosen.length} scenarios in ${Math.round((Date.now() - started) / 1000)} s, ${ok ? 'all kept their books' : `FAILED (logs in ${LOG_DIR})`}`,
  );
  process.exit(ok ? 0 : 1);
}

void main();
