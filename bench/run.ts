/* eslint-disable no-console -- a command-line report */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@claimdesk/platform';
import { generateClaims } from './generate-claims';
import { interleavedPairs, median, PairResult, Route } from './http-pairs';
import { load1, peakRssMb, Service, startService, waitForHttp } from './processes';
import { formatReport, Report } from './report';
import { scaleRun } from './scale';
import { webhookFigures } from './webhook-burst';

/**
 * `npm run bench` (builds first): claimdesk as in production (NODE_ENV=production, default
 * logging) against a bare Fastify + `pg` baseline on the same database (bench/baseline-server.ts),
 * interleaved in pairs; list and search latency at 10k and 1M generated claims; the webhook
 * pipeline to a local receiver; peak RSS of the API and the worker. Writes bench/results/<time>.{json,md}.
 */
const env = process.env;
const DURATION_S = Number(env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 20);
const PAIRS = Number(env.BENCH_PAIRS ?? 3);
const SMALL = Number(env.BENCH_SMALL ?? 10_000);
const LARGE = Number(env.BENCH_LARGE ?? 1_000_000);
const API_PORT = Number(env.BENCH_API_PORT ?? 39801);
const BASELINE_PORT = Number(env.BENCH_BASELINE_PORT ?? 39802);
const ADMIN = { email: 'bench@claimdesk.test', password: 'bench-password-123' };
const run = `claimdesk_bench_${Date.now().toString(36)}`;
const root = join(__dirname, '..');
const baseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/claimdesk';

function databaseUrl(name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Production settings, except what a benchmark on one machine needs: a rate limit it can pass, private-network webhooks. */
function claimdeskEnv(database: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(API_PORT),
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
const SECRETS = { jwt: randomBytes(32).toString('base64url'), webhooks: randomBytes(32).toString('base64') };

async function migrated(name: string): Promise<void> {
  await ensureDatabase(databaseUrl(name));
  await runMigrations(databaseUrl(name));
}

/** Fills a migrated database in which the API has already created its first admin (it only does so in an empty one). */
async function generate(name: string, claims: number): Promise<number> {
  const client = new Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    return await generateClaims(client, { claims });
  } finally {
    await client.end();
  }
}

async function startApi(database: string): Promise<{ api: Service; headers: Record<string, string> }> {
  const api = startService(
    'api',
    ['node', join(root, 'dist', 'apps', 'api', 'src', 'main.js')],
    claimdeskEnv(database),
  );
  const base = `http://127.0.0.1:${API_PORT}`;
  try {
    await waitForHttp(`${base}/health/ready`, api);
    const login = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    return { api, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' } };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

/** A claim with two stances: the GET route's row, the same on both servers. */
async function claimWithStances(url: string): Promise<string> {
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

const words = [
  'minister',
  'border',
  'vaccine',
  'pipeline',
  'ballot',
  'drone',
  'harvest',
  'tariffs',
  'leaked',
];
let created = 0;
function newClaimText(): string {
  created++;
  const pick = (salt: number) => words[(created * salt + Math.floor(created / 7)) % words.length];
  return `Bench claim ${created.toString(36)}: ${pick(3)} ${pick(5)} ${pick(7)} in ${pick(11)} ${randomBytes(3).toString('hex')}`;
}

async function main(): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  const small = `${run}_small`;
  const large = `${run}_large`;
  const services: Service[] = [];
  const report: Report = {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    startedAt: new Date().toISOString(),
    settings: { durationS: DURATION_S, connections: CONNECTIONS, pairs: PAIRS, small: SMALL, large: LARGE },
    generated: {},
    pairs: [],
    ratios: {},
    scale: {},
    webhooks: null,
    peakRssMb: {},
  };
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  // Saved after every phase, so a run cut short still leaves what it measured.
  const save = () => {
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', `${stamp}.json`), JSON.stringify(report, null, 2));
    writeFileSync(join(__dirname, 'results', `${stamp}.md`), formatReport(report));
  };
  try {
    await migrated(small);
    const { api, headers } = await startApi(small);
    services.push(api);
    console.log(`generating ${SMALL} claims…`);
    report.generated[SMALL] = await generate(small, SMALL);
    const baseline = startService(
      'baseline',
      ['node', '-r', 'ts-node/register/transpile-only', join(__dirname, 'baseline-server.ts')],
      { PORT: String(BASELINE_PORT), DATABASE_URL: databaseUrl(small) },
    );
    services.push(baseline);
    await waitForHttp(
      `http://127.0.0.1:${BASELINE_PORT}/v1/claims/00000000-0000-0000-0000-000000000000`,
      baseline,
    );
    const claimId = await claimWithStances(databaseUrl(small));
    const routes: Route[] = [
      { name: 'GET /v1/claims/:id', method: 'GET', path: `/v1/claims/${claimId}`, headers },
      {
        name: 'POST /v1/claims',
        method: 'POST',
        path: '/v1/claims',
        headers,
        body: () => JSON.stringify({ text: newClaimText(), tags: ['bench'] }),
      },
    ];
    const ours = `http://127.0.0.1:${API_PORT}`;
    for (const route of routes) {
      console.log(`pairs: ${route.name}`);
      const pairs: PairResult[] = await interleavedPairs(ours, `http://127.0.0.1:${BASELINE_PORT}`, route, {
        pairs: PAIRS,
        durationS: DURATION_S,
        connections: CONNECTIONS,
      });
      report.pairs.push(...pairs);
      const ratios = pairs.map((pair) => pair.ratio);
      report.ratios[route.name] = {
        median: median(ratios),
        min: Math.min(...ratios),
        max: Math.max(...ratios),
        p99Median: median(pairs.map((pair) => pair.p99Ratio)),
      };
    }
    report.peakRssMb.apiAfterPairs = peakRssMb(api.child.pid);
    save();
    await baseline.stop();

    console.log(`list and search at ${SMALL}`);
    report.scale[SMALL] = await scaleRun(ours, headers, 3);
    save();

    console.log('webhooks');
    const worker = startService(
      'worker',
      ['node', join(root, 'dist', 'apps', 'worker', 'src', 'main.js')],
      claimdeskEnv(small),
    );
    services.push(worker);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    report.webhooks = await webhookFigures({
      api: ours,
      headers,
      databaseUrl: databaseUrl(small),
      endpoints: 3,
      burst: Number(env.BENCH_WEBHOOK_BURST ?? 1000),
      rate: Number(env.BENCH_WEBHOOK_RATE ?? 100),
      seconds: Number(env.BENCH_WEBHOOK_SECONDS ?? 10),
    });
    report.peakRssMb.worker = peakRssMb(worker.child.pid);
    report.peakRssMb.api = peakRssMb(api.child.pid);
    save();
    await worker.stop();
    await api.stop();

    if (LARGE > 0) {
      await migrated(large);
      const big = await startApi(large);
      services.push(big.api);
      console.log(`generating ${LARGE} claims…`);
      report.generated[LARGE] = await generate(large, LARGE);
      console.log(`list and search at ${LARGE}`);
      report.scale[LARGE] = await scaleRun(ours, big.headers, 3);
      await big.api.stop();
    }
    report.load1AtEnd = load1();
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    for (const name of [small, large])
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  save();
  console.log(`\n${formatReport(report)}`);
  console.log(`results: bench/results/${stamp}.{json,md}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
