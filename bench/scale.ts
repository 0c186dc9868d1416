import { hit, round, RunResult } from './http-pairs';
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

/**
 * Latency of each list path at a moderate load (few connections: we want the query's time, not a
 * queue's). Each path first runs for `warmupS` unmeasured, so a database just generated is measured
 * from memory, as one in service is, not while its pages are first read from disk.
 */
export async function scaleRun(
  base: string,
  headers: Record<string, string>,
  durationS: number,
  warmupS = 1,
): Promise<Record<string, RunResult>> {
  const results: Record<string, RunResult> = {};
  for (const { name, path } of SCALE_PATHS) {
    await hit(base, { name, method: 'GET', path, headers }, warmupS, 2);
    results[name] = await hit(base, { name, method: 'GET', path, headers }, durationS, 4);
  }
  return results;
}

export function scaleRatio(small: RunResult, large: RunResult): number {
  return round(large.p99 / Math.max(1, small.p99), 2);
}
