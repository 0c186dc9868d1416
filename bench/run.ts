/* eslint-disable no-console -- a command-line report */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CLAIM_VIEW_SQL } from '@claimdesk/claims';
import {
  API_BASE,
  claimdeskEnv,
  claimWithStances,
  databaseUrl,
  generate,
  migrated,
  newClaimText,
  productionCommand,
  startApi,
  WORKER_METRICS_PORT,
} from './claimdesk';
import { interleavedPairs, median, PairResult, Route } from './http-pairs';
import { load1, peakRssMb, Service, startService, waitForHttp } from './processes';
import { formatReport, Report } from './report';
import { interleavedScale, ScaleTarget } from './scale';
import { webhookFigures } from './webhook-burst';
import { waitFor } from '@claimdesk/testing/wait-for';
import { jobsForEvent } from '@claimdesk/outbox';

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
/** Seconds each list path runs unmeasured at 1M before its measurement (the database was just built). */
const LARGE_WARMUP_S = Number(env.BENCH_LARGE_WARMUP ?? 10);
const SCALE_DURATION_S = Number(env.BENCH_SCALE_DURATION ?? 5);
/** Rounds of the list paths, the sizes alternating path by path (bench/scale.ts). */
const SCALE_ROUNDS = Number(env.BENCH_SCALE_ROUNDS ?? 3);
/** The API on the large database listens beside the small one's. */
const LARGE_API_PORT = Number(env.BENCH_LARGE_API_PORT ?? 39803);
const BASELINE_PORT = Number(env.BENCH_BASELINE_PORT ?? 39802);
/** Which parts run (A/B runs of one step need not wait for the rest): pairs, scale, webhooks; routes get, post. */
const PARTS = new Set((env.BENCH_PARTS ?? 'pairs,scale,webhooks').split(','));
const ROUTES = new Set((env.BENCH_ROUTES ?? 'get,post').split(','));
const run = `claimdesk_bench_${Date.now().toString(36)}`;

async function main(): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  const small = `${run}_small`;
  const large = `${run}_large`;
  const services: Service[] = [];
  const report: Report = {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    startedAt: new Date().toISOString(),
    settings: {
      durationS: DURATION_S,
      connections: CONNECTIONS,
      pairs: PAIRS,
      small: SMALL,
      large: LARGE,
      scaleDurationS: SCALE_DURATION_S,
      scaleRounds: SCALE_ROUNDS,
    },
    generated: {},
    pairs: [],
    ratios: {},
    scaleRounds: [],
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
    // BENCH_API_NODE_ARGS: flags before the API's script (V8 options that NODE_OPTIONS refuses).
    const { api, headers } = await startApi(small, env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? []);
    services.push(api);
    console.log(`generating ${SMALL} claims…`);
    report.generated[SMALL] = await generate(small, SMALL);
    const baseline = startService(
      'baseline',
      ['node', '-r', 'ts-node/register/transpile-only', join(__dirname, 'baseline-server.ts')],
      { PORT: String(BASELINE_PORT), DATABASE_URL: databaseUrl(small), CLAIM_VIEW_SQL },
    );
    services.push(baseline);
    await waitForHttp(
      `http://127.0.0.1:${BASELINE_PORT}/v1/claims/00000000-0000-0000-0000-000000000000`,
      baseline,
    );
    const claimId = await claimWithStances(databaseUrl(small));
    const routes: Route[] = [
      ...(ROUTES.has('get')
        ? [{ name: 'GET /v1/claims/:id', method: 'GET', path: `/v1/claims/${claimId}`, headers } as const]
        : []),
      ...(ROUTES.has('post')
        ? [
            {
              name: 'POST /v1/claims',
              method: 'POST',
              path: '/v1/claims',
              headers,
              body: () => JSON.stringify({ text: newClaimText(), tags: ['bench'] }),
            } as const,
          ]
        : []),
    ].filter(() => PARTS.has('pairs'));
    const ours = API_BASE;
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

    if (PARTS.has('webhooks')) {
      console.log('webhooks');
      const worker = startService(
        'worker',
        // BENCH_WORKER_NODE_ARGS: flags before the script, for profiling the worker (e.g. --cpu-prof).
        productionCommand('worker', env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        { ...claimdeskEnv(small), WORKER_METRICS_PORT: String(WORKER_METRICS_PORT) },
      );
      services.push(worker);
      // The metrics port opens once the worker has started its queues.
      await waitForHttp(`http://127.0.0.1:${WORKER_METRICS_PORT}/metrics`, worker);
      // The POST pairs left their events unrelayed (no worker ran): let the worker settle them
      // first, so the burst measures the burst, not that backlog.
      const drained = await outboxDrained(databaseUrl(small));
      console.log(`outbox backlog of the earlier parts settled in ${drained} s`);
      report.webhooks = await webhookFigures({
        api: ours,
        headers,
        databaseUrl: databaseUrl(small),
        endpoints: 3,
        warmUp: Number(env.BENCH_WEBHOOK_WARMUP ?? 1000),
        burst: Number(env.BENCH_WEBHOOK_BURST ?? 1000),
        rate: Number(env.BENCH_WEBHOOK_RATE ?? 100),
        seconds: Number(env.BENCH_WEBHOOK_SECONDS ?? 10),
      });
      report.peakRssMb.worker = peakRssMb(worker.child.pid);
      report.peakRssMb.api = peakRssMb(api.child.pid);
      save();
      await worker.stop();
    }

    if (PARTS.has('scale')) {
      const targets: ScaleTarget[] = [{ size: SMALL, base: ours, headers }];
      if (LARGE > 0) {
        await migrated(large);
        const big = await startApi(large, [], LARGE_API_PORT);
        services.push(big.api);
        console.log(`generating ${LARGE} claims…`);
        report.generated[LARGE] = await generate(large, LARGE);
        targets.push({ size: LARGE, base: big.base, headers: big.headers });
      }
      console.log(`list and search at ${targets.map((target) => target.size).join(' and ')}`);
      report.scaleRounds = await interleavedScale(targets, {
        rounds: SCALE_ROUNDS,
        durationS: SCALE_DURATION_S,
        firstLargeWarmupS: LARGE_WARMUP_S,
      });
      save();
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

/**
 * Waits (up to 5 minutes) until every event has been relayed and handled by each of its consumers
 * (its outbox receipts; `settled_at` waits for the sweep, a minute later); returns the seconds it took.
 */
async function outboxDrained(url: string): Promise<number> {
  const started = Date.now();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await waitFor(
      async () => {
        const { rows } = await client.query<{ type: string; handled: string[] }>(
          `SELECT e.type, coalesce(array_agg(r.consumer) FILTER (WHERE r.consumer IS NOT NULL), '{}') AS handled
             FROM events e LEFT JOIN outbox_receipts r ON r.event_id = e.id
            WHERE e.settled_at IS NULL
            GROUP BY e.id`,
        );
        return rows.every((event) => jobsForEvent(event.type).every((job) => event.handled.includes(job)));
      },
      300_000,
      { intervalMs: 500, message: 'the outbox backlog to be handled' },
    );
  } finally {
    await client.end();
  }
  return Math.round((Date.now() - started) / 100) / 10;
}
