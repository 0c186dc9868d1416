import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';

/**
 * Runs one of the hottest statements as a named prepared statement on `manager`'s connection (its
 * transaction's, or one from the pool when it has none): PostgreSQL parses and plans it once per connection instead
 * of on every call, which for the claim view costs it more than executing it. `name` must always go
 * with the same `text`. Errors arrive as TypeORM's QueryFailedError, as from `manager.query`, so the
 * problem filter maps them the same way (a timeout 503, a lost connection 503).
 */
export async function preparedQuery<Row extends QueryResultRow>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const runner = manager.queryRunner;
  // A transaction whose connection was lost has a released runner: the statement fails, as from
  // manager.query. Sent to the pool instead, it would commit on its own, outside the transaction.
  if (runner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
  const target: Pool | PoolClient = runner
    ? ((await runner.connect()) as PoolClient)
    : poolOf(manager.connection);
  try {
    return (await target.query<Row>({ name, text, values })).rows;
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/** The pg pool under a data source (TypeORM's postgres driver calls it `master`). */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}
