/* eslint-disable no-console -- a command-line report */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  API_BASE,
  claimWithStances,
  databaseUrl,
  generate,
  migrated,
  newClaimText,
  startApi,
} from './claimdesk';
import { hit, Route } from './http-pairs';
import { load1, peakRssMb } from './processes';
import { Share, summariseCpuProfile, summariseHeapSnapshot } from './profile-summary';

/**
 * `npm run bench:profile`: the API as the benchmark runs it (built, NODE_ENV=production), under
 * `node --cpu-prof` (PROFILE_KIND=cpu, the default) or with a heap snapshot taken on SIGUSR2 after the
 * load (PROFILE_KIND=heap), loaded with autocannon on PROFILE_ROUTES (get,post) for PROFILE_DURATION s each.
 * Prints self time by package (ours = dist/) or the heap by constructor, and peak RSS.
 */
const env = process.env;
const KIND = env.PROFILE_KIND ?? 'cpu';
const ROUTES = (env.PROFILE_ROUTES ?? 'get').split(',');
const DURATION_S = Number(env.PROFILE_DURATION ?? 10);
const CLAIMS = Number(env.PROFILE_CLAIMS ?? 10_000);
const database = `claimdesk_profile_${Date.now().toString(36)}`;
const outDir = join(__dirname, 'results', database);

const table = (title: string, rows: Share[]) =>
  [
    `| ${title} | self ms | share |`,
    '| --- | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${r.ms} | ${r.percent} % |`),
  ].join('\n');

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await migrated(database);
  const nodeArgs =
    KIND === 'cpu'
      ? ['--cpu-prof', `--cpu-prof-dir=${outDir}`, '-r', join(__dirname, 'exit-on-sigterm.cjs')]
      : ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${outDir}`];
  const { api, headers } = await startApi(database, nodeArgs);
  try {
    await generate(database, CLAIMS);
    const claimId = await claimWithStances(databaseUrl(database));
    const routes: Record<string, Route> = {
      get: { name: 'GET /v1/claims/:id', method: 'GET', path: `/v1/claims/${claimId}`, headers },
      post: {
        name: 'POST /v1/claims',
        method: 'POST',
        path: '/v1/claims',
        headers,
        body: () => JSON.stringify({ text: newClaimText(), tags: ['bench'] }),
      },
    };
    const loadStarted = Date.now();
    for (const name of ROUTES) {
      const load = load1();
      const result = await hit(API_BASE, routes[name], DURATION_S, 20);
      console.log(
        `${routes[name].name}: ${result.requestsPerSecond} req/s, p99 ${result.p99} ms, non-2xx ${result.non2xx}, load ${load}`,
      );
    }
    console.log(`peak RSS (VmHWM) ${peakRssMb(api.child.pid)} MB`);
    if (KIND === 'heap') {
      api.child.kill('SIGUSR2');
      const deadline = Date.now() + 120_000;
      const written = () => readdirSync(outDir).find((file) => file.endsWith('.heapsnapshot'));
      // The snapshot's file appears when writing starts; its size settles when it is done.
      while (!written() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
      await api.stop();
      const file = written();
      if (!file) throw new Error('no heap snapshot within 120 s');
      console.log(`\n${join(outDir, file)}\n\n| constructor | count | shallow MB |\n| --- | ---: | ---: |`);
      for (const row of summariseHeapSnapshot(join(outDir, file)))
        console.log(`| ${row.name} | ${row.count} | ${row.mb} |`);
    } else {
      const loadMs = Date.now() - loadStarted;
      await api.stop();
      const file = readdirSync(outDir).find((name) => name.endsWith('.cpuprofile'));
      if (!file || !existsSync(join(outDir, file))) throw new Error('the API wrote no CPU profile');
      const summary = summariseCpuProfile(join(outDir, file), loadMs);
      console.log(`\n${join(outDir, file)}: ${summary.busyMs} ms busy\n`);
      console.log(table('owner (self time)', summary.owners.slice(0, 20)));
      console.log(`\n${table('owner, with the Node and V8 work it called', summary.callers.slice(0, 20))}`);
      console.log(`\n${table('function · owner', summary.functions)}`);
    }
  } finally {
    await api.stop();
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
