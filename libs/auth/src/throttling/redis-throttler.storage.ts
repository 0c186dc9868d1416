import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import Redis from 'ioredis';

/**
 * One round trip, atomic: count the hit in a fixed window, and once the count passes the limit set
 * a block that lasts `blockDuration` (which may outlive the window).
 * KEYS: hits, block. ARGV: ttl ms, limit, block ms, hits to add. Returns {hits, window ms left, block ms left}.
 */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[4])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
local blocked = redis.call('PTTL', KEYS[2])
if blocked < 0 then blocked = 0 end
if blocked == 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return {hits, ttl, blocked}
`;

type ThrottleClient = Redis & {
  claimdeskThrottle(
    hitsKey: string,
    blockKey: string,
    ttl: number,
    limit: number,
    block: number,
    count: number,
  ): Promise<number[]>;
};

/** @nestjs/throttler storage over the shared ioredis client, so limits hold across API replicas. */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly client: ThrottleClient;
  private lastWarning = 0;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    if (!('claimdeskThrottle' in redis)) {
      redis.defineCommand('claimdeskThrottle', { numberOfKeys: 2, lua: INCREMENT_SCRIPT });
    }
    this.client = redis as ThrottleClient;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const counted = await this.add(key, ttl, limit, blockDuration, throttlerName, 1);
    return {
      totalHits: counted.hits,
      timeToExpire: Math.ceil(counted.windowMs / 1000),
      isBlocked: counted.blockMs > 0,
      timeToBlockExpire: Math.ceil(counted.blockMs / 1000),
    };
  }

  /** Adds `count` hits at once (see BatchedThrottlerStorage); on a Redis failure, counts nothing. */
  async add(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
    count: number,
  ): Promise<{ hits: number; windowMs: number; blockMs: number }> {
    // The hash tag keeps both keys in one slot, as a script on Redis Cluster requires.
    const base = `${this.prefix}:throttle:${throttlerName}:{${key}}`;
    try {
      const [hits, windowMs, blockMs] = await this.client.claimdeskThrottle(
        base,
        `${base}:blocked`,
        Math.max(1, Math.round(ttl)),
        limit,
        Math.max(1, Math.round(blockDuration)),
        count,
      );
      return { hits, windowMs, blockMs };
    } catch (error) {
      // Rate limits protect the service; failing every request because Redis is away would not.
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'rate limit storage unavailable; not limiting');
      }
      return { hits: 0, windowMs: 0, blockMs: 0 };
    }
  }
}
