/** Parses WEBHOOK_RETRY_SCHEDULE ("5000,300000,…") into delays in ms. */
export function parseRetrySchedule(value: string): number[] {
  return value
    .split(',')
    .map((part) => Number(part.trim()))
    .filter((delay) => Number.isFinite(delay) && delay >= 0);
}

/** Spreads retries of many endpoints that failed together: ±20 % of the delay. */
export function withJitter(delayMs: number, random: () => number = Math.random): number {
  return Math.round(delayMs * (0.8 + 0.4 * random()));
}

/** Retry-After beyond a day is not honoured as such: the schedule's own limits apply. */
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/**
 * Retry-After as a delay in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Null when absent
 * or unreadable; capped at MAX_RETRY_AFTER_MS; a date in the past means "now".
 */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const trimmed = value.trim();
  let delay: number;
  if (/^\d+$/.test(trimmed)) delay = Number(trimmed) * 1000;
  else {
    // An HTTP date names its weekday and month; a bare "-1" would parse as a year.
    const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN;
    if (Number.isNaN(at)) return null;
    delay = Math.max(0, at - now);
  }
  return Math.min(delay, MAX_RETRY_AFTER_MS);
}

export type AttemptOutcome =
  { kind: 'delivered' } | { kind: 'gone' } | { kind: 'retry'; delayMs: number } | { kind: 'exhausted' };

/**
 * What to do after attempt number `attempt` (1-based) answered `statusCode` (null: no answer).
 * 2xx delivers; 410 Gone disables the endpoint; anything else (3xx included: redirects are not
 * followed) is retried on the schedule, 429/503 after their Retry-After when they send one.
 */
export function decideAfterAttempt(
  attempt: number,
  statusCode: number | null,
  retryAfter: string | string[] | undefined,
  schedule: readonly number[],
  random: () => number = Math.random,
): AttemptOutcome {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { kind: 'delivered' };
  if (statusCode === 410) return { kind: 'gone' };
  if (attempt > schedule.length) return { kind: 'exhausted' };
  const requested = statusCode === 429 || statusCode === 503 ? retryAfterMs(retryAfter) : null;
  return { kind: 'retry', delayMs: requested ?? withJitter(schedule[attempt - 1], random) };
}
