import {
  decideAfterAttempt,
  MAX_RETRY_AFTER_MS,
  parseRetrySchedule,
  retryAfterMs,
  withJitter,
} from './retry-policy';

const SCHEDULE = parseRetrySchedule('5000,300000,1800000,7200000,18000000,36000000,36000000');
const middle = () => 0.5;

describe('webhook retry policy', () => {
  it('parses the schedule', () => {
    expect(SCHEDULE).toEqual([5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000]);
  });

  it('adds at most ±20 % jitter', () => {
    expect(withJitter(1000, () => 0)).toBe(800);
    expect(withJitter(1000, () => 1)).toBe(1200);
    expect(withJitter(1000, middle)).toBe(1000);
  });

  it('delivers on 2xx, disables on 410, retries anything else on the schedule', () => {
    expect(decideAfterAttempt(1, 200, undefined, SCHEDULE)).toEqual({ kind: 'delivered' });
    expect(decideAfterAttempt(1, 204, undefined, SCHEDULE)).toEqual({ kind: 'delivered' });
    expect(decideAfterAttempt(1, 410, undefined, SCHEDULE)).toEqual({ kind: 'gone' });
    expect(decideAfterAttempt(1, 500, undefined, SCHEDULE, middle)).toEqual({ kind: 'retry', delayMs: 5000 });
    expect(decideAfterAttempt(2, 302, undefined, SCHEDULE, middle)).toEqual({
      kind: 'retry',
      delayMs: 300000,
    });
    expect(decideAfterAttempt(3, null, undefined, SCHEDULE, middle)).toEqual({
      kind: 'retry',
      delayMs: 1800000,
    });
    expect(decideAfterAttempt(7, 500, undefined, SCHEDULE, middle)).toEqual({
      kind: 'retry',
      delayMs: 36000000,
    });
    expect(decideAfterAttempt(8, 500, undefined, SCHEDULE, middle)).toEqual({ kind: 'exhausted' });
  });

  it('honours Retry-After on 429 and 503 only', () => {
    expect(decideAfterAttempt(1, 429, '120', SCHEDULE)).toEqual({ kind: 'retry', delayMs: 120_000 });
    expect(decideAfterAttempt(1, 503, '7', SCHEDULE)).toEqual({ kind: 'retry', delayMs: 7000 });
    expect(decideAfterAttempt(1, 500, '120', SCHEDULE, middle)).toEqual({ kind: 'retry', delayMs: 5000 });
    expect(decideAfterAttempt(1, 429, 'soon', SCHEDULE, middle)).toEqual({ kind: 'retry', delayMs: 5000 });
  });

  it('reads Retry-After as seconds or an HTTP date, capped at a day', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('9999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('-1', now)).toBeNull();
  });
});
