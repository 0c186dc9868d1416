/* eslint-disable no-console -- a command-line report */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, runMigrations } from '@claimdesk/platform';

/**
 * `npm run bench`: boots the BUILT api (run `npm run build` first) against a scratch database,
 * seeds claims through the API, then runs autocannon against each route and against a bare
 * Fastify baseline serving the same bytes, in the same run on the same machine, and prints ratios.
 */
const API_PORT = 3901;
const BASELINE_PORT = 3902;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SEED_CLAIMS = Number(process.env.BENCH_CLAIMS ?? 1000);
const DATABASE = `claimdesk_bench_${Date.now().toString(36)}`;
const ADMIN = { email: 'bench@claimdesk.test', password: 'bench-password-123' };

const baseDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/claimdesk';

function databaseUrl(name: string): string {
  const url = new URL(baseDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function start(command: string[], env: Record<string, string>, ready?: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { env: { ...process.env, ...env }, stdio: 'pipe' });
    if (!ready) {
      child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
      child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
      return resolve(child);
    }
    const timer = setTimeout(() => reject(new Error(`${command.join(' ')} did not start`)), 60_000);
    const watch = (chunk: Buffer) => {
      if (ready.test(chunk.toString())) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
  });
}

async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} never became ready`);
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const topics = ['mercenaries', 'elections', 'vaccines', 'refugees', 'sanctions', 'energy prices', 'border'];
const subjects = [
  'officials',
  'a minister',
  'state media',
  'an activist',
  'a senator',
  'the embassy',
  'a blogger',
  'police',
];
const verbs = ['say', 'deny', 'claim', 'report', 'suggest', 'allege', 'confirm', 'insist'];
const places = [
  'Albania',
  'Kosovo',
  'Bosnia',
  'Serbia',
  'Ukraine',
  'Moldova',
  'Georgia',
  'Montenegro',
  'Hungary',
];
const details = [
  'doubled',
  'were hidden',
  'cost billions',
  'came from abroad',
  'were staged',
  'vanished',
  'rose sharply',
];
const times = [
  'last week',
  'in March',
  'since 2019',
  'overnight',
  'this year',
  'before the vote',
  'in secret',
];

/** Varied, realistic-looking claim texts: benchmark data where every claim resembles every other would make "similar" look far worse than real desks see. */
function seedText(index: number): string {
  const pick = <T>(list: T[], salt: number) =>
    list[Math.floor(index * salt + index / list.length) % list.length];
  return `${pick(subjects, 7)} ${pick(verbs, 3)} ${pick(topics, 5)} in ${pick(places, 11)} ${pick(details, 13)} ${pick(times, 17)} (${index.toString(36)})`;
}

async function seed(base: string, headers: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < SEED_CLAIMS; start += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, SEED_CLAIMS - start) }, (_, offset) =>
        fetch(`${base}/v1/claims`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            text: seedText(start + offset),
            tags: [topics[(start + offset) % topics.length].replace(' ', '-')],
          }),
        }).then((response) => json<{ id: string }>(response)),
      ),
    );
    ids.push(...batch.map((claim) => claim.id));
  }
  return ids;
}

interface Row {
  scenario: string;
  target: 'claimdesk' | 'baseline';
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function measure(
  scenario: string,
  target: Row['target'],
  url: string,
  headers: Record<string, string>,
  method: 'GET' | 'POST' = 'GET',
  nextBody?: () => string,
): Promise<Row> {
  const result = await autocannon({
    url,
    method,
    headers,
    connections: CONNECTIONS,
    duration: DURATION_S,
    ...(nextBody ? { requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }] } : {}),
  });
  return {
    scenario,
    target,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  const children: ChildProcess[] = [];
  try {
    await ensureDatabase(databaseUrl(DATABASE));
    await runMigrations(databaseUrl(DATABASE));
    const api = await start(['node', join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js')], {
      PORT: String(API_PORT),
      DATABASE_URL: databaseUrl(DATABASE),
      QUEUE_PREFIX: DATABASE,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      NODE_ENV: 'development',
    });
    children.push(api);
    const base = `http://127.0.0.1:${API_PORT}`;
    await waitForHealth(`${base}/health/ready`);
    const login = await json<{ accessToken: string }>(
      await fetch(`${base}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      }),
    );
    const headers = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
    const ids = await seed(base, headers);
    let created = 0;

    const reads: [string, string][] = [
      ['GET one claim', `/v1/claims/${ids[Math.floor(ids.length / 2)]}`],
      ['GET list page (25)', '/v1/claims?limit=25'],
      ['GET full-text search', '/v1/claims?q=mercenaries&limit=25'],
      ['GET similar claims', `/v1/claims/similar?text=${encodeURIComponent(seedText(7))}`],
    ];
    const bodies: [string, string][] = [];
    for (const [, path] of reads)
      bodies.push([path, await (await fetch(`${base}${path}`, { headers })).text()]);
    const baseline = await start(
      ['node', '-r', 'ts-node/register/transpile-only', join(__dirname, 'baseline-server.ts')],
      { PORT: String(BASELINE_PORT), BASELINE_BODIES: JSON.stringify(bodies) },
      /listening/,
    );
    children.push(baseline);

    const rows: Row[] = [];
    for (const [scenario, path] of reads) {
      rows.push(await measure(scenario, 'baseline', `http://127.0.0.1:${BASELINE_PORT}${path}`, headers));
      rows.push(await measure(scenario, 'claimdesk', `${base}${path}`, headers));
    }
    rows.push(
      await measure(
        'POST create claim',
        'claimdesk',
        `${base}/v1/claims`,
        headers,
        'POST',
        // Each request a new claim, as on a real desk: identical texts would all be "similar" to each other.
        () => JSON.stringify({ text: seedText(SEED_CLAIMS + created++), tags: ['bench'] }),
      ),
    );

    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    console.log(`\nclaimdesk benchmark — ${machine}`);
    console.log(
      `${SEED_CLAIMS} claims seeded; autocannon ${CONNECTIONS} connections × ${DURATION_S} s per row\n`,
    );
    console.log('| scenario | target | req/s | p50 ms | p99 ms | non-2xx | claimdesk / baseline |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      const twin = rows.find((other) => other.scenario === row.scenario && other.target === 'baseline');
      const ratio =
        row.target === 'claimdesk' && twin ? (row.requestsPerSecond / twin.requestsPerSecond).toFixed(3) : '';
      console.log(
        `| ${row.scenario} | ${row.target} | ${row.requestsPerSecond} | ${row.p50} | ${row.p99} | ${row.non2xx} | ${ratio} |`,
      );
    }
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const file = join(__dirname, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        { machine, seeded: SEED_CLAIMS, connections: CONNECTIONS, durationS: DURATION_S, rows },
        null,
        2,
      ),
    );
    console.log(`\nraw results: ${file}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
