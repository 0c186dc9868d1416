import { hit, median, round, RunResult } from './http-pairs';
import { load1 } from './processes';
import { SEARCH_WORDS } from './generate-claims';

export interface ScalePath {
  name: string;
  path: string;
}

export const SCALE_PATHS: ScalePath[] = [
  { name: 'list page (25)', path: '/v1/claims?limit=25' },
  { name: 'search, common word', path: `/v1/claims?q=${SEARCH_WORDS.common}&limit=25` },
  { name: 'search, rare word', path: `/v1/claims?q=${SEARCH_WORDS.rare}&limit=25` },
  { name: 'search, a word in 100 claims', path: `/v1/claims?q=${SEARCH_WORDS.hundred}&limit=25` },
  { name: 'search, a word in 5 claims', path: `/v1/claims?q=${SEARCH_WORDS.five}&limit=25` },
  { name: 'search, no match', path: `/v1/claims?q=${SEARCH_WORDS.none}&limit=25` },
  { name: 'search, two words', path: `/v1/claims?q=${encodeURIComponent(SEARCH_WORDS.two)}&limit=25` },
  { name: 'review queue (all open)', path: '/v1/review-queue?scope=all' },
];

/** An API serving one of the generated databases. */
export interface ScaleTarget {
  size: number;
  base: string;
  headers: Record<string, string>;
}

/** One round: each path at the small size, then at the large one, back to back. */
export interface ScaleRound {
  round: number;
  load1: number;
  results: Record<number, Record<string, RunResult>>;
}

/** Seconds each run is preceded by, unmeasured. */
const WARMUP_S = 1;

/**
 * Latency of each list path at a moderate load (few connections: we want the query's time, not a
 * queue's). Each run is preceded by WARMUP_S unmeasured (the first of the large size's by
 * `firstLargeWarmupS`, so a database just generated is measured from memory, as one in service is).
 * The sizes alternate path by path, round by round, like the pairs: a 5 s run's p99 is its few
 * slowest requests, and measured minutes apart the two sizes' p99s compared the machine's moments
 * more than the sizes (2026-12-03, docs/performance.md, eleventh pass).
 */
export async function interleavedScale(
  targets: ScaleTarget[],
  options: { rounds: number; durationS: number; firstLargeWarmupS: number },
): Promise<ScaleRound[]> {
  const rounds: ScaleRound[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const entry: ScaleRound = { round, load1: load1(), results: {} };
    for (const { name, path } of SCALE_PATHS) {
      for (const [index, { size, base, headers }] of targets.entries()) {
        const route = { name, method: 'GET', path, headers } as const;
        await hit(base, route, round === 1 && index > 0 ? options.firstLargeWarmupS : WARMUP_S, 2);
        (entry.results[size] ??= {})[name] = await hit(base, route, options.durationS, 4);
      }
    }
    rounds.push(entry);
  }
  return rounds;
}

/** Each size's median p50 and p99 over the rounds, path by path. */
export function scaleMedians(rounds: ScaleRound[]): Record<number, Record<string, RunResult>> {
  const sizes = Object.keys(rounds[0]?.results ?? {}).map(Number);
  return Object.fromEntries(
    sizes.map((size) => [
      size,
      Object.fromEntries(
        SCALE_PATHS.map(({ name }) => {
          const runs = rounds.map((r) => r.results[size][name]);
          const total = (pick: (run: RunResult) => number) => runs.reduce((sum, run) => sum + pick(run), 0);
          return [
            name,
            {
              requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
              p50: median(runs.map((run) => run.p50)),
              p99: median(runs.map((run) => run.p99)),
              non2xx: total((run) => run.non2xx),
              errors: total((run) => run.errors),
            },
          ];
        }),
      ),
    ]),
  );
}

/** Per path, the median and spread of the rounds' p99 ratios (largest size over smallest). */
export function scaleRatios(
  rounds: ScaleRound[],
): Record<string, { median: number; min: number; max: number }> {
  const sizes = Object.keys(rounds[0]?.results ?? {}).map(Number);
  if (sizes.length < 2) return {};
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  return Object.fromEntries(
    SCALE_PATHS.map(({ name }) => {
      const ratios = rounds.map((r) => scaleRatio(r.results[small][name], r.results[large][name]));
      return [name, { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) }];
    }),
  );
}

export function scaleRatio(small: RunResult, large: RunResult): number {
  return round(large.p99 / Math.max(1, small.p99), 2);
}
