import { BatchedThrottlerStorage, RedisThrottlerStorage } from '@claimdesk/auth';
import { REDIS } from '@claimdesk/platform';
import { createUserSession, startTestApi, TestApi, waitFor } from '@claimdesk/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

const REQUESTS_PER_MINUTE = 40;

describe('rate limiting (Redis-backed, per principal or address)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: String(REQUESTS_PER_MINUTE) });
  });
  afterAll(() => api.close());

  it(`allows ${REQUESTS_PER_MINUTE} requests a minute per caller, then answers 429 problem+json with Retry-After`, async () => {
    const busy = await createUserSession(api, { roles: ['editor'] });
    const calm = await createUserSession(api, { roles: ['editor'] });
    const me = (headers: Record<string, string>) =>
      api.request({ method: 'GET', url: '/v1/me', as: 'anonymous', headers });

    const first = await me(busy.headers);
    expect(first.headers['x-ratelimit-limit']).toBe(String(REQUESTS_PER_MINUTE));
    expect(first.headers['x-ratelimit-remaining']).toBe(String(REQUESTS_PER_MINUTE - 1));
    for (let sent = 1; sent < REQUESTS_PER_MINUTE; sent += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, REQUESTS_PER_MINUTE - sent) }, () => me(busy.headers)),
      );
      expect(batch.every((response) => response.statusCode === 200)).toBe(true);
    }
    const limited = await me(busy.headers);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.data).toMatchObject({ status: 429, title: 'Too many requests' });

    // The budget belongs to the caller (the auth guard runs before the throttler), not to the address or route.
    expect((await me(calm.headers)).statusCode).toBe(200);
    const otherRoute = await api.request({
      method: 'GET',
      url: '/v1/users',
      as: 'anonymous',
      headers: busy.headers,
    });
    expect(otherRoute.statusCode).toBe(429);
  });

  it('keeps its counters under QUEUE_PREFIX', async () => {
    const redis = api.app.get<Redis>(REDIS);
    const keys = await redis.keys(`${api.config.QUEUE_PREFIX}:throttle:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(await redis.keys('throttle:*')).toEqual([]);
  });

  describe('RedisThrottlerStorage', () => {
    let redis: Redis;
    let storage: RedisThrottlerStorage;
    beforeAll(() => {
      redis = api.app.get<Redis>(REDIS);
      storage = new RedisThrottlerStorage(redis, api.config.QUEUE_PREFIX);
    });

    it('counts hits in a window and blocks past the limit for the block duration', async () => {
      const key = randomUUID();
      const hits = [];
      for (let i = 0; i < 4; i++) hits.push(await storage.increment(key, 2000, 3, 5000, 'default'));
      expect(hits.map((hit) => hit.totalHits)).toEqual([1, 2, 3, 4]);
      expect(hits.map((hit) => hit.isBlocked)).toEqual([false, false, false, true]);
      expect(hits[0].timeToExpire).toBe(2);
      expect(hits[3].timeToBlockExpire).toBe(5);
      const base = `${api.config.QUEUE_PREFIX}:throttle:default:{${key}}`;
      expect(await redis.pttl(base)).toBeGreaterThan(0);
      expect(await redis.pttl(`${base}:blocked`)).toBeGreaterThan(2000);
    });

    it('is atomic under concurrency: exactly `limit` of many simultaneous hits pass', async () => {
      const key = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 40 }, () => storage.increment(key, 10_000, 25, 10_000, 'default')),
      );
      expect(results.filter((result) => !result.isBlocked)).toHaveLength(25);
      expect(new Set(results.map((result) => result.totalHits)).size).toBe(40);
    });

    it('fails open when Redis is unreachable', async () => {
      const offline = new Redis('redis://127.0.0.1:1', {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
      });
      const unreachable = new RedisThrottlerStorage(offline, 'x');
      await expect(unreachable.increment('k', 1000, 1, 1000, 'default')).resolves.toMatchObject({
        isBlocked: false,
      });
      offline.disconnect();
    });
  });

  describe('batched storage (one Redis call per caller and interval)', () => {
    let redis: Redis;
    let shared: RedisThrottlerStorage;
    beforeAll(() => {
      redis = api.app.get<Redis>(REDIS);
      shared = new RedisThrottlerStorage(redis, api.config.QUEUE_PREFIX);
    });

    it('is exact within one process: exactly `limit` of many simultaneous hits pass', async () => {
      const storage = new BatchedThrottlerStorage(shared, 60_000);
      const key = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 40 }, () => storage.increment(key, 10_000, 25, 10_000, 'default')),
      );
      expect(results.filter((result) => !result.isBlocked)).toHaveLength(25);
      const after = await storage.increment(key, 10_000, 25, 10_000, 'default');
      expect(after.isBlocked).toBe(true);
      expect(after.timeToBlockExpire).toBe(10);
    });

    it('shares the count across processes through Redis', async () => {
      const key = randomUUID();
      const replicaA = new BatchedThrottlerStorage(shared, 0);
      const replicaB = new BatchedThrottlerStorage(shared, 0);
      for (let i = 0; i < 3; i++) await replicaA.increment(key, 10_000, 5, 10_000, 'default');
      await replicaA.increment(key, 10_000, 5, 10_000, 'default');
      const counter = `${api.config.QUEUE_PREFIX}:throttle:default:{${key}}`;
      await waitFor(async () => (await redis.get(counter)) === '4' || undefined, 5000);
      // B has never seen this caller: it starts from A's four hits.
      const fifth = await replicaB.increment(key, 10_000, 5, 10_000, 'default');
      const sixth = await replicaB.increment(key, 10_000, 5, 10_000, 'default');
      expect([fifth.totalHits, fifth.isBlocked, sixth.totalHits, sixth.isBlocked]).toEqual([
        5,
        false,
        6,
        true,
      ]);
    });
  });
});
