/* eslint-disable no-console -- a command-line report */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { API_BASE, claimWithStances, databaseUrl, generate, migrated, startApi } from './claimdesk';
import { load1, peakRssMb } from './processes';

/**
 * `npm run bench:heap` (after `npm run build`): what a V8 heap setting costs the API, measured as CPU
 * time per request at a fixed request rate rather than as requests per second at saturation, which
 * on a shared machine moves with the neighbours. Each setting in HEAP_SETTINGS (';'-separated Node
 * flags added to production's own; '' for production's as they are, `--max-old-space-size=0` for V8's
 * own heap limit instead of the API's cap) starts the built API, serves `GET /v1/claims/:id` at HEAP_RATE
 * requests/s for HEAP_DURATION s after a short warm-up, and reports the API's user + system CPU per
 * request (from /proc) and its peak RSS; HEAP_ROUNDS rounds alternate the settings.
 */
const env = process.env;
const SETTINGS = (env.HEAP_SETTINGS ?? ';--max-old-space-size=0;--max-old-space-size=160').split(';');
const RATE = Number(env.HEAP_RATE ?? 800);
const DURATION_S = Number(env.HEAP_DURATION ?? 15);
const ROUNDS = Number(env.HEAP_ROUNDS ?? 2);

/** utime + stime of a process, in seconds (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main(): Promise<void> {
  const database = `claimdesk_heap_${Date.now().toString(36)}`;
  await migrated(database);
  let generated = false;
  try {
    for (let round = 1; round <= ROUNDS; round++)
      for (const setting of SETTINGS) {
        const { api, headers } = await startApi(database, setting.split(' ').filter(Boolean));
        try {
          if (!generated) generated = (await generate(database, 10_000)) > 0;
          const claimId = await claimWithStances(databaseUrl(database));
          const load = (duration: number) =>
            autocannon({
              url: `${API_BASE}/v1/claims/${claimId}`,
              headers,
              connections: 20,
              duration,
              overallRate: RATE,
            });
          await load(3);
          const pid = api.child.pid as number;
          const before = cpuSeconds(pid);
          const result = await load(DURATION_S);
          const cpuMs = (cpuSeconds(pid) - before) * 1000;
          console.log(
            `| ${round} | ${setting || '(production)'} | ${load1()} | ${result.requests.total} | ` +
              `${(cpuMs / result.requests.total).toFixed(3)} | ${result.latency.p99} | ${peakRssMb(pid)} | ${result.non2xx} |`,
          );
        } finally {
          await api.stop();
        }
      }
  } finally {
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

console.log(
  '| round | API node flags | load avg | requests | API CPU ms / request | p99 ms | peak RSS MB | non-2xx |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
