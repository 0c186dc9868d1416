import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, REDIS } from '@claimdesk/platform';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimitedException } from './throttling/rate-limited.exception';

/*
 * The sign-in policy (API.md's words are in docs/api-notes.md and the login route's description):
 * - per e-mail and client address: 5 attempts that are not a success in 15 minutes, then 429 with
 *   Retry-After until the window ends. This is the wall that keeps brute force out.
 * - per e-mail from anywhere: failures only slow sign-in down (a growing delay, at most 5 s) and
 *   never refuse it, so nobody can lock an account by failing from many addresses. The delay comes
 *   before the password is checked, for right and wrong passwords alike (it tells nothing), and is
 *   skipped for an address that has signed in to this account before.
 */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Attempts per e-mail address and client address in a window; a success gives them back. */
export const MAX_ATTEMPTS_PER_EMAIL_AND_IP = 5;
/** Failures per e-mail address (from anywhere, in a window) before its sign-ins are slowed down. */
export const SLOW_DOWN_AFTER_FAILURES = 10;
export const MAX_LOGIN_DELAY_MS = 5000;
/** How long an address that signed in successfully stays exempt from the per-e-mail delay. */
export const KNOWN_ADDRESS_TTL_MS = 30 * 24 * 3600_000;

/** The per-e-mail delay: 250 ms at the threshold, doubling every 5 failures, capped. */
export function loginDelayMs(failures: number): number {
  if (failures < SLOW_DOWN_AFTER_FAILURES) return 0;
  return Math.min(MAX_LOGIN_DELAY_MS, Math.round(250 * 2 ** ((failures - SLOW_DOWN_AFTER_FAILURES) / 5)));
}

/**
 * One round trip, atomic, before the password is checked: counts this attempt against the
 * (e-mail, address) pair and reads the e-mail's failures and whether the address is known.
 * Counting before checking is what keeps parallel guesses from all passing a check made before any
 * of them was counted. KEYS: pair, e-mail failures, known. ARGV: window ms.
 * Returns {attempts of the pair, pair window ms left, e-mail failures, known (0/1)}.
 */
const BEGIN_SCRIPT = `
local attempts = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
local failures = tonumber(redis.call('GET', KEYS[2]) or '0')
return {attempts, ttl, failures, redis.call('EXISTS', KEYS[3])}
`;

type LoginClient = Redis & {
  claimdeskLoginBegin(pair: string, failures: string, known: string, windowMs: number): Promise<number[]>;
};

/** What a sign-in reports back once the password was checked. */
export interface LoginAttempt {
  /** The delay this attempt waited before its password was checked (ms). */
  readonly delayedMs: number;
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

const UNCOUNTED: LoginAttempt = { delayedMs: 0, failed: async () => {}, succeeded: async () => {} };

/** Counts sign-in attempts in Redis so the policy holds across API replicas. */
@Injectable()
export class LoginAttempts {
  private readonly logger = new Logger(LoginAttempts.name);
  private readonly client: LoginClient;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: AppConfig,
  ) {
    if (!('claimdeskLoginBegin' in redis)) {
      redis.defineCommand('claimdeskLoginBegin', { numberOfKeys: 3, lua: BEGIN_SCRIPT });
    }
    this.client = redis as LoginClient;
  }

  /**
   * Counts the attempt, throws 429 when the pair is over its limit, and otherwise waits out the
   * per-e-mail delay (a timer, so the event loop stays free) before the caller checks the password.
   */
  async begin(email: string, ip: string): Promise<LoginAttempt> {
    const keys = this.keys(email, ip);
    let reply: number[];
    try {
      reply = await this.client.claimdeskLoginBegin(keys.pair, keys.failures, keys.known, LOGIN_WINDOW_MS);
    } catch (error) {
      // Without Redis we cannot count; refusing every sign-in would be worse than not limiting.
      this.logger.warn({ err: error }, 'login attempt counter unavailable');
      return UNCOUNTED;
    }
    const [attempts, windowMs, failures, known] = reply.map(Number);
    if (attempts > MAX_ATTEMPTS_PER_EMAIL_AND_IP) {
      const seconds = Math.max(1, Math.ceil(windowMs / 1000));
      throw new RateLimitedException(`Too many failed sign-ins. Try again in ${seconds} seconds.`, seconds);
    }
    const delayedMs = known === 1 ? 0 : loginDelayMs(failures);
    if (delayedMs > 0) await sleep(delayedMs);
    return {
      delayedMs,
      failed: () => this.recordFailure(keys),
      succeeded: () => this.recordSuccess(keys),
    };
  }

  /** The pair already counted the attempt; the e-mail's failure counter drives the delay. */
  private async recordFailure(keys: LoginKeys): Promise<void> {
    await this.client
      .multi()
      .incr(keys.failures)
      .pexpire(keys.failures, LOGIN_WINDOW_MS, 'NX')
      .exec()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not record a failed sign-in'));
  }

  /** A success from this address gives its attempts back and makes the address known to the account. */
  private async recordSuccess(keys: LoginKeys): Promise<void> {
    await this.client
      .multi()
      .del(keys.pair)
      .set(keys.known, '1', 'PX', KNOWN_ADDRESS_TTL_MS)
      .exec()
      .catch(() => undefined);
  }

  private keys(email: string, ip: string): LoginKeys {
    const normalized = email.trim().toLowerCase();
    // Hashed so the keys name no address in Redis; the hash tag keeps one account's keys in one slot.
    const digest = (value: string) => createHash('sha256').update(value).digest('base64url');
    const base = `${this.config.QUEUE_PREFIX}:auth:login:{${digest(normalized)}}`;
    const pair = digest(`${normalized}\n${ip}`);
    return { pair: `${base}:pair:${pair}`, failures: `${base}:failures`, known: `${base}:known:${pair}` };
  }
}

interface LoginKeys {
  pair: string;
  failures: string;
  known: string;
}
