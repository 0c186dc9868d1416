import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@claimdesk/platform';
import { generateClaims, generatedClaimText } from './generate-claims';
import { Service, startService, waitForHttp } from './processes';

/** Starting claimdesk for a benchmark: its databases, its settings, the API with a signed-in admin. */
const env = process.env;
export const API_PORT = Number(env.BENCH_API_PORT ?? 39801);
export const API_BASE = `http://127.0.0.1:${API_PORT}`;
export const WORKER_METRICS_PORT = API_PORT + 1;
const ADMIN = { email: 'bench@claimdesk.test', password: 'bench-password-123' };
const SECRETS = { jwt: randomBytes(32).toString('base64url'), webhooks: randomBytes(32).toString('base64') };
const root = join(__dirname, '..');
const baseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/claimdesk';

export function databaseUrl(name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Production settings, except what a benchmark on one machine needs: a rate limit it can pass, private-network webhooks. */
export function claimdeskEnv(database: string, port = API_PORT): Record<string, string> {
  return {
    NODE_ENV: 'production',
    // Node flags for both processes, to compare heap settings (docs/performance.md, Memory); none by default.
    ...(env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: env.BENCH_NODE_OPTIONS } : {}),
    PORT: String(port),
    DATABASE_URL: databaseUrl(database),
    QUEUE_PREFIX: database,
    JWT_SECRET: SECRETS.jwt,
    WEBHOOK_SECRETS_KEY: SECRETS.webhooks,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_PER_MINUTE: '1000000',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  };
}

export async function migrated(name: string): Promise<void> {
  await ensureDatabase(databaseUrl(name));
  await runMigrations(databaseUrl(name));
}

/** Fills a migrated database in which the API has already created its first admin (it only does so in an empty one). */
export async function generate(name: string, claims: number): Promise<number> {
  const client = new Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    const seconds = await generateClaims(client, { claims });
    // Write the load's dirty pages now: otherwise the checkpoint it triggers runs, paced over
    // minutes, through whatever the bench measures next.
    await client.query('CHECKPOINT');
    return seconds;
  } finally {
    await client.end();
  }
}

/**
 * How production starts `app` (package.json's `start:api` / `start:worker`, which the image and
 * compose run too). `nodeArgs` (profilers, heap settings to compare) go after production's own
 * flags, so they can override them.
 */
export function productionCommand(app: 'api' | 'worker', nodeArgs: string[] = []): string[] {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >;
  const [node, ...flags] = scripts[`start:${app}`].replace(/^exec /, '').split(' ');
  const script = flags.pop() as string;
  return [node, ...flags, ...nodeArgs, join(root, script)];
}

/**
 * The API on `database` as production starts it, signed in as the admin; `nodeArgs` as in
 * `productionCommand`; `port` for a second API beside the first (API_PORT).
 */
export async function startApi(
  database: string,
  nodeArgs: string[] = [],
  port = API_PORT,
): Promise<{ api: Service; base: string; headers: Record<string, string> }> {
  const api = startService(
    `api on ${database}`,
    productionCommand('api', nodeArgs),
    claimdeskEnv(database, port),
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/health/ready`, api);
    const login = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    return {
      api,
      base,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

/** A claim with two stances: the GET route's row, the same on both servers. */
export async function claimWithStances(url: string): Promise<string> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(
      `SELECT claim_id AS id FROM stances GROUP BY claim_id HAVING count(*) = 2 LIMIT 1`,
    );
    return rows[0].id;
  } finally {
    await db.end();
  }
}

/**
 * A new claim text per call, drawn like the generated claims'. (Until 2026-12-01 the texts were
 * made of nine of the commonest words after a fixed "Bench claim": every create then shared two
 * words with a thirtieth of the table, which no desk's claims do, and filled its look-alike read.)
 */
export function newClaimText(): string {
  return generatedClaimText(randomBytes(3).toString('hex'));
}
