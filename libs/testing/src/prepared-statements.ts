import { poolOf } from '@claimdesk/platform';
import type { DataSource } from 'typeorm';

/**
 * Records the prepared statements (platform's `preparedQuery`) that `dataSource` runs on its pool
 * from now on; `valuesOf(name)` answers the parameters of each execution of `name`, in order.
 * jest.restoreAllMocks() ends the recording.
 */
export function recordPreparedStatements(dataSource: DataSource): {
  valuesOf: (name: string) => unknown[][];
} {
  const pool = poolOf(dataSource);
  const calls = jest.spyOn(pool, 'query').mock.calls as unknown[][];
  return {
    valuesOf: (name) =>
      calls
        .map(([query]) => query as { name?: string; values?: unknown[] } | null)
        .filter((query) => query?.name === name)
        .map((query) => query?.values ?? []),
  };
}
