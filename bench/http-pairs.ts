import autocannon from 'autocannon';
import { load1 } from './processes';

export interface RunResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface Route {
  name: string;
  method: 'GET' | 'POST';
  /** Path on both servers. */
  path: string;
  headers: Record<string, string>;
  /** A fresh body per request (POST). */
  body?: () => string;
}

export interface PairResult {
  route: string;
  pair: number;
  load1: number;
  ours: RunResult;
  baseline: RunResult;
  ratio: number;
  p99Ratio: number;
}

export async function hit(
  base: string,
  route: Route,
  durationS: number,
  connections: number,
): Promise<RunResult> {
  const body = route.body;
  const result = await autocannon({
    url: `${base}${route.path}`,
    method: route.method,
    headers: route.headers,
    connections,
    duration: durationS,
    ...(body ? { requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }] } : {}),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * Ours, baseline, ours, baseline…: each pair runs back to back, so a neighbour's load on this
 * shared machine hits both sides of a pair alike, and the ratio of a pair means more than its numbers.
 */
export async function interleavedPairs(
  ours: string,
  baseline: string,
  route: Route,
  options: { pairs: number; durationS: number; connections: number },
): Promise<PairResult[]> {
  // A short warm-up of each, so the JIT and the pools are not what the first pair measures.
  await hit(ours, route, 2, options.connections);
  await hit(baseline, route, 2, options.connections);
  const results: PairResult[] = [];
  for (let pair = 1; pair <= options.pairs; pair++) {
    const load = load1();
    const mine = await hit(ours, route, options.durationS, options.connections);
    const theirs = await hit(baseline, route, options.durationS, options.connections);
    results.push({
      route: route.name,
      pair,
      load1: load,
      ours: mine,
      baseline: theirs,
      ratio: round(mine.requestsPerSecond / Math.max(1, theirs.requestsPerSecond)),
      p99Ratio: round(mine.p99 / Math.max(1, theirs.p99)),
    });
  }
  return results;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : round((sorted[middle - 1] + sorted[middle]) / 2);
}

export const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;
