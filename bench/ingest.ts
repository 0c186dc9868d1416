/* eslint-disable no-console -- a command-line report */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { IngestionService, extractCandidates } from '@claimdesk/ingestion';
import { ensureDatabase, loadConfig, runMigrations } from '@claimdesk/platform';
import { createApi } from '../apps/api/src/create-api';

/**
 * `npm run bench:ingest`: ingests a 1,000-word article (the annotated fixtures, concatenated)
 * through IngestionService against a scratch database, and reports p50/p95 of the whole call
 * split into extraction (pure, in process) and storage (the transaction: source, document,
 * candidates, known-actor matching, similar claims). Target: p95 under 200 ms.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
/** Claims recorded before the runs, so the similar-claims lookup searches a desk's worth of text. */
const SEEDED_CLAIMS = Number(process.env.BENCH_CLAIMS ?? 0);
const WARMUP = 5;
const DATABASE = `claimdesk_bench_ingest_${Date.now().toString(36)}`;
const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/claimdesk');
const url = new URL(base.toString());
url.pathname = `/${DATABASE}`;

const fixtures = () => {
  const directory = join(__dirname, '../test/fixtures/articles');
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map(
      (file) =>
        JSON.parse(readFileSync(join(directory, file), 'utf8')) as {
          sentences: string[];
          claims: { text: string }[];
        },
    );
};

function article(words: number): string {
  const sentences = fixtures().flatMap((fixture) => fixture.sentences);
  const out: string[] = [];
  let count = 0;
  for (const sentence of sentences) {
    if (count >= words) break;
    out.push(sentence);
    count += sentence.split(/\s+/).length;
  }
  return out.join(' ');
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const text = article(1000);
  const moduleLoad = performance.now();
  extractCandidates('Warm-up: the model loads with the module. Officials said 3 people were hurt.');
  const firstCall = performance.now() - moduleLoad;

  await ensureDatabase(url.toString());
  await runMigrations(url.toString());
  const app = await createApi(
    loadConfig({ ...process.env, DATABASE_URL: url.toString(), QUEUE_PREFIX: DATABASE }),
  );
  await app.init();
  if (SEEDED_CLAIMS > 0) await seedClaims(url.toString(), SEEDED_CLAIMS);
  const ingestion = app.get(IngestionService);
  const total: number[] = [];
  const extract: number[] = [];
  const store: number[] = [];
  let candidates = 0;
  try {
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const started = performance.now();
      const { result, extractMs, storeMs } = await ingestion.ingestTimed({
        url: `https://bench.example.org/ingest/${i}`,
        text,
      } as never);
      const elapsed = performance.now() - started;
      if (i < WARMUP) continue;
      total.push(elapsed);
      extract.push(extractMs);
      store.push(storeMs);
      candidates = result.candidates.length;
    }
  } finally {
    await app.close();
    const admin = new Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
  }
  console.log(
    `ingest a ${text.split(/\s+/).length}-word article (${candidates} candidates), ${RUNS} runs after ${WARMUP} warm-up, ${SEEDED_CLAIMS} claims recorded, ${cpus().length} cores`,
  );
  console.log(`first extraction call after import: ${ms(firstCall)}`);
  console.log('| part | p50 | p95 |');
  console.log('|---|---|---|');
  console.log(`| extraction | ${ms(percentile(extract, 50))} | ${ms(percentile(extract, 95))} |`);
  console.log(`| storage | ${ms(percentile(store, 50))} | ${ms(percentile(store, 95))} |`);
  console.log(`| total | ${ms(percentile(total, 50))} | ${ms(percentile(total, 95))} |`);
}

/** `count` claims worded like the fixtures' gold claims, numbered so no two are the same text. */
async function seedClaims(connectionString: string, count: number): Promise<void> {
  const texts = fixtures().flatMap((fixture) => fixture.claims.map((claim) => claim.text));
  const client = new Client({ connectionString });
  await client.connect();
  await client.query(
    `INSERT INTO claims (text) SELECT ($1::text[])[1 + n % cardinality($1::text[])] || ' (' || n || ')'
       FROM generate_series(0, $2 - 1) AS n`,
    [texts, count],
  );
  await client.query('ANALYZE claims');
  await client.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
