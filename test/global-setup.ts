// Jest loads global set-up outside its module mapper, so this file imports by relative path.
import { loadConfig } from '../libs/platform/src/config/app-config';
import { ensureDatabase } from '../libs/platform/src/database/ensure-database';
import { runMigrations } from '../libs/platform/src/database/run-migrations';

/**
 * Each test run gets its own freshly migrated database and BullMQ prefix, so runs never see each
 * other. The names go into process.env, which every test file's app reads.
 */
export default async function globalSetup(): Promise<void> {
  const base = loadConfig(process.env);
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/claimdesk_test_${runId}`;
  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = `claimdesk_test_${runId}`;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'silent';
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'true';
  await ensureDatabase(process.env.DATABASE_URL);
  await runMigrations(process.env.DATABASE_URL);
}
