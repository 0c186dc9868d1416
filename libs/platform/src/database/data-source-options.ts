import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * The one description of our database, shared by the apps, the migration CLI and the tests.
 * `statementTimeoutMs` (0: none) bounds every statement of the apps' pools; migrations have none.
 */
export function dataSourceOptions(url: string, statementTimeoutMs = 0): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    entities: [join(root, 'libs', '*', 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    extra: {
      max: 20,
      application_name: 'claimdesk',
      ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
    },
  };
}
