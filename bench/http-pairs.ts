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
  /** On the first pair: each server's warm-up rounds (requests/s), run until its rate settled. */
  warmUp?: { ours: number[]; baseline: number[] };
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
  // Each server runs until its rate settles, so the pairs compare steady states: a freshly started
  // API keeps speeding up for 15-25 s while V8 optimises Nest's pipeline and sizes its heap.
  const warmUp = {
    ours: await settle(ours, route, options.connections),
    baseline: await settle(baseline, route, options.connections),
  };
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
      ...(pair === 1 ? { warmUp } : {}),
    });
  }
  return results;
}

/** A warm-up round's length, how close two rounds must be to count as settled, and the most rounds run. */
export const SETTLE_ROUND_S = 3;
const SETTLED_WITHIN = 0.05;
const SETTLE_MAX_ROUNDS = 10;

/**
 * Runs `route` on `base` in short rounds until a round's rate is within 5 % of the one before, at
 * most SETTLE_MAX_ROUNDS rounds; returns each round's requests/s.
 */
async function settle(base: string, route: Route, connections: number): Promise<number[]> {
  const rates: number[] = [];
  while (rates.length < SETTLE_MAX_ROUNDS) {
    rates.push((await hit(base, route, SETTLE_ROUND_S, connections)).requestsPerSecond);
    const [previous, last] = rates.slice(-2);
    if (rates.length >= 2 && Math.abs(last - previous) <= previous * SETTLED_WITHIN) break;
  }
  return rates;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : round((sorted[middle - 1] + sorted[middle]) / 2);
}

export const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;
