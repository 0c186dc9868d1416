import Redis from 'ioredis';
import { Client } from 'pg';

/** Drops the run's database and queue keys unless KEEP_TEST_DB is set (to inspect a failure). */
export default async function globalTeardown(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const prefix = process.env.QUEUE_PREFIX;
  if (process.env.KEEP_TEST_DB || !databaseUrl?.includes('claimdesk_test_')) return;
  const target = new URL(databaseUrl);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
  if (prefix?.startsWith('claimdesk_test_')) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
}
