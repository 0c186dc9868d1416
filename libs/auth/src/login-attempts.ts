import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, REDIS } from '@claimdesk/platform';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { RateLimitedException } from './throttling/rate-limited.exception';

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failures allowed per e-mail address and IP address in a window. */
export const MAX_FAILURES_PER_EMAIL_AND_IP = 5;
/**
 * Failures allowed per e-mail address from anywhere: caps a brute force spread over many addresses
 * (or forged X-Forwarded-For headers) while staying far above what one person mistypes.
 */
export const MAX_FAILURES_PER_EMAIL = 50;

/** Counts failed sign-ins in Redis so the limit holds across API replicas. */
@Injectable()
export class LoginAttempts {
  private readonly logger = new Logger(LoginAttempts.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Throws 429 while either counter is at its limit. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await this.redis
        .multi()
        .get(keys[0].key)
        .pttl(keys[0].key)
        .get(keys[1].key)
        .pttl(keys[1].key)
        .exec();
    } catch (error) {
      // Without Redis we cannot count; refusing every sign-in would be worse than not limiting.
      this.logger.warn({ err: error }, 'login attempt counter unavailable');
      return;
    }
    if (!replies) return;
    for (const [index, { limit }] of keys.entries()) {
      const count = Number(replies[index * 2][1] ?? 0);
      const ttl = Number(replies[index * 2 + 1][1]);
      if (count >= limit) {
        const seconds = Math.max(1, Math.ceil(ttl / 1000));
        throw new RateLimitedException(`Too many failed sign-ins. Try again in ${seconds} seconds.`, seconds);
      }
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const transaction = this.redis.multi();
    for (const { key } of this.keys(email, ip)) {
      transaction.incr(key).pexpire(key, LOGIN_WINDOW_MS, 'NX');
    }
    await transaction.exec().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not record a failed sign-in');
    });
  }

  /** A successful sign-in from this address forgives its earlier mistypes. */
  async reset(email: string, ip: string): Promise<void> {
    await this.redis.del(this.keys(email, ip)[0].key).catch(() => undefined);
  }

  private keys(email: string, ip: string): { key: string; limit: number }[] {
    const normalized = email.trim().toLowerCase();
    // Hashed so the keys name no address in Redis.
    const digest = (value: string) => createHash('sha256').update(value).digest('base64url');
    const base = `${this.config.QUEUE_PREFIX}:auth:login-failures`;
    return [
      { key: `${base}:${digest(`${normalized}\n${ip}`)}`, limit: MAX_FAILURES_PER_EMAIL_AND_IP },
      { key: `${base}:${digest(normalized)}`, limit: MAX_FAILURES_PER_EMAIL },
    ];
  }
}
