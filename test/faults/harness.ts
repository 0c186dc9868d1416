import { ensureDatabase, runMigrations } from '@claimdesk/platform';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';

/**
 * The pieces of the fault suite (test/faults/run.ts): a Redis server of its own, the BUILT api and
 * worker as real child processes, a database per scenario, a Standard Webhooks receiver, a write
 * load, and the books that compare what was committed with what arrived.
 */

export const ROOT = join(__dirname, '..', '..');
export const LOG_DIR = join(ROOT, 'dist', 'fault-logs');
const ADMIN = { email: 'faults@claimdesk.test', password: 'fault-suite-password-1' };
const JWT_SECRET = 'fault-suite-jwt-secret-0123456789abcdef';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds; throws after `timeoutMs` naming what it waited for. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function logFile(name: string) {
  mkdirSync(LOG_DIR, { recursive: true });
  return createWriteStream(join(LOG_DIR, `${name}.log`), { flags: 'a' });
}

/** A child process with its output in dist/fault-logs/<name>.log. */
export class Proc {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private output = '';

  constructor(
    readonly name: string,
    command: string[],
    env: Record<string, string>,
  ) {
    const log = logFile(name);
    log.write(`\n--- ${new Date().toISOString()} ${command.join(' ')}\n`);
    this.child = spawn(command[0], command.slice(1), { env: { ...process.env, ...env }, stdio: 'pipe' });
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  saw(pattern: RegExp): boolean {
    return pattern.test(this.output);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A redis-server of the suite's own on a spare port, without persistence: a restart comes back empty. */
export class RedisServer {
  private proc?: Proc;
  private starts = 0;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await sparePort());
    await server.up();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get isUp(): boolean {
    return this.proc?.running ?? false;
  }

  async up(): Promise<void> {
    this.starts += 1;
    this.proc = new Proc(
      `redis-${this.starts}`,
      [
        'redis-server',
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      {},
    );
    await until(() => this.proc!.saw(/Ready to accept connections/), 15_000, 'redis-server to start');
  }

  /** As a crash: SIGKILL, so nothing is saved (nothing would be anyway). */
  async down(): Promise<void> {
    this.proc?.kill('SIGKILL');
    await this.proc?.exited;
  }

  async restartEmpty(): Promise<void> {
    await this.down();
    await this.up();
  }

  stop(): Promise<void> {
    return this.down();
  }
}

const baseDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/claimdesk';

export function databaseUrl(name: string): string {
  const url = new URL(baseDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(name: string): Promise<string> {
  const url = databaseUrl(name);
  await ensureDatabase(url);
  await runMigrations(url);
  return url;
}

export async function dropDatabase(name: string): Promise<void> {
  if (process.env.KEEP_TEST_DB) return;
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export interface Stack {
  name: string;
  db: string;
  databaseUrl: string;
  redis: RedisServer;
  env: Record<string, string>;
}

/** The built apps; `npm run test:faults` builds them first. */
export function builtApp(app: 'api' | 'worker'): string {
  const main = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  return main;
}

export function appEnv(
  stack: Omit<Stack, 'env'>,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'development',
    DATABASE_URL: stack.databaseUrl,
    REDIS_URL: stack.redis.url,
    QUEUE_PREFIX: stack.db,
    JWT_SECRET,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export async function startApi(stack: Stack, name: string): Promise<{ proc: Proc; base: string }> {
  const port = await sparePort();
  const proc = new Proc(`${stack.name}-${name}`, ['node', builtApp('api')], {
    ...stack.env,
    PORT: String(port),
  });
  const base = `http://127.0.0.1:${port}`;
  await until(
    async () => {
      if (!proc.running) throw new Error(`${name} exited`);
      return (await fetch(`${base}/health/live`)).ok;
    },
    60_000,
    `${name} to answer`,
    200,
  );
  return { proc, base };
}

export async function startWorker(stack: Stack, name: string): Promise<Proc> {
  const proc = new Proc(`${stack.name}-${name}`, ['node', builtApp('worker')], stack.env);
  await until(
    () => {
      if (!proc.running) throw new Error(`${name} exited`);
      return proc.saw(/worker started/);
    },
    60_000,
    `${name} to start`,
    100,
  );
  return proc;
}

export async function signIn(base: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
}

export interface Arrival {
  webhookId: string;
  at: number;
}

/** A Standard Webhooks receiver: verifies every delivery's signature and records its webhook-id and time. */
export class Receiver {
  readonly arrivals: Arrival[] = [];
  badSignatures = 0;
  secret?: string;
  private readonly server: Server = createHttpServer((request, response) => this.receive(request, response));

  private constructor(readonly url: string) {}

  static async start(): Promise<Receiver> {
    const port = await sparePort();
    const receiver = new Receiver(`http://127.0.0.1:${port}/hooks`);
    await new Promise<void>((resolve) => receiver.server.listen(port, '127.0.0.1', resolve));
    return receiver;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private receive(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      try {
        if (!this.secret) throw new Error('no secret yet');
        new Webhook(this.secret).verify(body, request.headers as Record<string, string>);
      } catch {
        this.badSignatures += 1;
        response.writeHead(400).end();
        return;
      }
      this.arrivals.push({ webhookId: String(request.headers['webhook-id']), at: Date.now() });
      response.writeHead(204).end();
    });
  }
}

/** Registers the receiver for the events the load writes. */
export async function subscribe(
  base: string,
  headers: Record<string, string>,
  receiver: Receiver,
): Promise<void> {
  const response = await fetch(`${base}/v1/webhooks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: receiver.url, events: ['claim.created', 'claim.updated'] }),
  });
  if (response.status !== 201)
    throw new Error(`webhook registration failed: ${response.status} ${await response.text()}`);
  receiver.secret = ((await response.json()) as { secret: string }).secret;
}

export interface LoadStats {
  /** Claims whose creation was answered 201, by id. */
  acknowledged: Set<string>;
  statuses: Map<number, number>;
  /** Requests retried after a 503 or a refused connection. */
  retries: number;
  /** Writes given up on after their retries. */
  abandoned: number;
  done: number;
  finishedAt?: number;
}

/**
 * `claims` claims, each created and then updated (claim.created, then claim.updated: an order
 * the receiver must see), `concurrency` at a time, spread over the APIs. Like a careful client it
 * retries a 503 after its Retry-After and a refused connection after a moment.
 */
export function writeLoad(
  apis: { base: string; headers: Record<string, string> }[],
  claims: number,
  concurrency: number,
  /** A pause after each claim per lane, to spread the writes over a fault that lasts. */
  paceMs = 0,
): { stats: LoadStats; finished: Promise<void> } {
  const stats: LoadStats = {
    acknowledged: new Set(),
    statuses: new Map(),
    retries: 0,
    abandoned: 0,
    done: 0,
  };
  let next = 0;
  const send = async (
    index: number,
    method: string,
    path: string,
    body: unknown,
  ): Promise<Response | null> => {
    const api = apis[index % apis.length];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(`${api.base}${path}`, {
          method,
          headers: api.headers,
          body: JSON.stringify(body),
        });
      } catch {
        stats.retries += 1;
        await sleep(500);
        continue;
      }
      stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1);
      if (response.status !== 503) return response;
      await response.arrayBuffer();
      stats.retries += 1;
      await sleep(Math.min(Number(response.headers.get('retry-after') ?? 1), 5) * 1000);
    }
    stats.abandoned += 1;
    return null;
  };
  const one = async (index: number) => {
    const created = await send(index, 'POST', '/v1/claims', {
      text: `Fault suite claim number ${index} says the river flooded ${index % 7} villages`,
      tags: ['faults'],
    });
    if (created?.status !== 201) return;
    const { id } = (await created.json()) as { id: string };
    stats.acknowledged.add(id);
    const updated = await send(index + 1, 'PATCH', `/v1/claims/${id}`, { priority: 'high' });
    await updated?.arrayBuffer();
  };
  const lane = async () => {
    while (next < claims) {
      const index = next++;
      await one(index);
      stats.done += 1;
      if (paceMs) await sleep(paceMs);
    }
  };
  const finished = Promise.all(Array.from({ length: concurrency }, lane)).then(() => {
    stats.finishedAt = Date.now();
  });
  return { stats, finished };
}

export interface Books {
  committed: number;
  delivered: number;
  lost: number;
  phantom: number;
  duplicatesSameId: number;
  duplicatesNewId: number;
  outOfOrder: number;
  failedMessages: number;
  badSignatures: number;
  http5xx: number;
  http500: number;
  lastArrivalAt: number;
}

/**
 * What PostgreSQL committed against what the receiver got. The truth is the events table (a
 * write whose answer was lost may still have committed); the receiver's webhook-ids map to events
 * through webhook_messages.
 */
export async function keepBooks(databaseUrl: string, receiver: Receiver, load: LoadStats): Promise<Books> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows: events } = await db.query<{ id: string; claim_id: string }>(
      `SELECT id::text AS id, claim_id::text AS claim_id FROM events
        WHERE type IN ('claim.created', 'claim.updated') ORDER BY id`,
    );
    const { rows: messages } = await db.query<{ msg_id: string; event_id: string; status: string }>(
      `SELECT msg_id, event_id::text AS event_id, status FROM webhook_messages`,
    );
    const { rows: claims } = await db.query<{ id: string }>(`SELECT id::text AS id FROM claims`);
    const claimIds = new Set(claims.map((row) => row.id));
    const eventOf = new Map(messages.map((row) => [row.msg_id, row.event_id]));
    const claimOf = new Map(events.map((row) => [row.id, row.claim_id]));

    const seenIds = new Map<string, number>();
    const idsPerEvent = new Map<string, Set<string>>();
    let phantom = 0;
    const firstArrivals: string[] = [];
    for (const arrival of receiver.arrivals) {
      seenIds.set(arrival.webhookId, (seenIds.get(arrival.webhookId) ?? 0) + 1);
      const eventId = eventOf.get(arrival.webhookId);
      if (!eventId || !claimOf.has(eventId)) {
        phantom += 1;
        continue;
      }
      const ids = idsPerEvent.get(eventId) ?? new Set<string>();
      if (!ids.size) firstArrivals.push(eventId);
      ids.add(arrival.webhookId);
      idsPerEvent.set(eventId, ids);
    }
    // Per claim, events must first arrive in the order they were committed.
    const lastPerClaim = new Map<string, bigint>();
    let outOfOrder = 0;
    for (const eventId of firstArrivals) {
      const claim = claimOf.get(eventId)!;
      const id = BigInt(eventId);
      if ((lastPerClaim.get(claim) ?? -1n) > id) outOfOrder += 1;
      else lastPerClaim.set(claim, id);
    }
    const acknowledgedMissing = [...load.acknowledged].filter((id) => !claimIds.has(id)).length;
    const http5xx = [...load.statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
    return {
      committed: events.length,
      delivered: idsPerEvent.size,
      lost: events.filter((event) => !idsPerEvent.has(event.id)).length + acknowledgedMissing,
      phantom,
      duplicatesSameId: [...seenIds.values()].reduce((sum, n) => sum + n - 1, 0),
      duplicatesNewId: [...idsPerEvent.values()].reduce((sum, ids) => sum + ids.size - 1, 0),
      outOfOrder,
      failedMessages: messages.filter((row) => row.status === 'failed').length,
      badSignatures: receiver.badSignatures,
      http5xx,
      http500: load.statuses.get(500) ?? 0,
      lastArrivalAt: receiver.arrivals.reduce((last, arrival) => Math.max(last, arrival.at), 0),
    };
  } finally {
    await db.end();
  }
}

/** Terminates every backend of the database but the caller's (the apps' pools reconnect). */
export async function terminateBackends(databaseUrl: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows[0].n;
  } finally {
    await db.end();
  }
}
