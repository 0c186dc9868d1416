import { dataSourceOptions, preparedQuery } from '@claimdesk/platform';
import { DataSource, EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';

/** preparedQuery against the run's PostgreSQL: the statement is prepared once, joins a transaction, and fails as manager.query does. */
describe('preparedQuery', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({
      ...dataSourceOptions(process.env.DATABASE_URL!),
      entities: [],
      extra: { max: 1 },
    });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('prepares the statement once on its connection and reuses it', async () => {
    const text = `SELECT $1::int + 1 AS next`;
    expect(await preparedQuery(dataSource.manager, 'test-next', text, [1])).toEqual([{ next: 2 }]);
    expect(await preparedQuery(dataSource.manager, 'test-next', text, [41])).toEqual([{ next: 42 }]);
    // One pooled connection, so this is the connection that ran both calls.
    const prepared = await preparedQuery<{ name: string }>(
      dataSource.manager,
      'test-prepared-names',
      `SELECT name FROM pg_prepared_statements WHERE name LIKE 'test-%' ORDER BY name`,
      [],
    );
    expect(prepared.map((row) => row.name)).toEqual(['test-next', 'test-prepared-names']);
  });

  it('runs inside the caller’s transaction, seeing its uncommitted writes', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query(`CREATE TEMP TABLE prepared_probe (value text) ON COMMIT DROP`);
      await manager.query(`INSERT INTO prepared_probe VALUES ('written in this transaction')`);
      const rows = await preparedQuery(manager, 'test-probe', `SELECT value FROM prepared_probe`, []);
      expect(rows).toEqual([{ value: 'written in this transaction' }]);
    });
  });

  it('fails with QueryFailedError carrying the SQLSTATE, as manager.query does', async () => {
    await dataSource
      .transaction(async (manager) => {
        await manager.query(`SET LOCAL statement_timeout = 50`);
        const failure = await preparedQuery(manager, 'test-sleep', `SELECT pg_sleep(1)`, []).catch(
          (error) => error,
        );
        expect(failure).toBeInstanceOf(QueryFailedError);
        expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(
          '57014',
        );
      })
      .catch((error: unknown) => {
        // The failed statement aborts the transaction, so its COMMIT fails too; that is not what this test checks.
        if (!(error instanceof QueryFailedError)) throw error;
      });
  });

  it('refuses the manager of a transaction that has let go of its connection, instead of running outside it', async () => {
    let finished: EntityManager | undefined;
    await dataSource.transaction(async (manager) => {
      finished = manager;
    });
    await expect(
      preparedQuery(finished!, 'test-next', `SELECT $1::int + 1 AS next`, [1]),
    ).rejects.toBeInstanceOf(QueryRunnerAlreadyReleasedError);
  });
});
