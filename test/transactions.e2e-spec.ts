import { dataSourceOptions, TransactionService } from '@claimdesk/platform';
import { DataSource, EntityManager } from 'typeorm';

const backendPid = async (manager: EntityManager) =>
  ((await manager.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[])[0].pid;
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** TransactionService against the run's PostgreSQL: who joins which transaction, and when the ambient one ends. */
describe('TransactionService', () => {
  let dataSource: DataSource;
  let transactions: TransactionService;

  beforeAll(async () => {
    dataSource = new DataSource({ ...dataSourceOptions(process.env.DATABASE_URL!), entities: [] });
    await dataSource.initialize();
    transactions = new TransactionService(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('opens a transaction of its own unless handed the caller’s', async () => {
    await transactions.run(async (outer) => {
      expect(outer.queryRunner?.isTransactionActive).toBe(true);
      expect(transactions.manager).toBe(dataSource.manager);
      await transactions.run(async (joined) => expect(joined).toBe(outer), outer);
      await transactions.run(async (own) => {
        expect(own).not.toBe(outer);
        expect(await backendPid(own)).not.toBe(await backendPid(outer));
      });
    });
  });

  it('does not join a manager that holds no transaction', async () => {
    await transactions.run(async (manager) => {
      expect(manager).not.toBe(dataSource.manager);
      expect(manager.queryRunner?.isTransactionActive).toBe(true);
    }, dataSource.manager);
  });

  it('lets every call the ambient work makes join its transaction, however deep', async () => {
    await transactions.runAmbient(async (ambient) => {
      await tick();
      expect(transactions.manager).toBe(ambient);
      await Promise.resolve().then(async () => {
        await tick();
        await transactions.run(async (joined) => expect(joined).toBe(ambient));
      });
    });
    expect(transactions.manager).toBe(dataSource.manager);
  });

  it('keeps the ambient transaction of work still open when another one ends', async () => {
    let releaseFirst!: () => void;
    const firstMayEnd = new Promise<void>((resolve) => (releaseFirst = resolve));
    let secondSaw: EntityManager | undefined;
    let secondOwn: EntityManager | undefined;
    const first = transactions.runAmbient(() => firstMayEnd);
    const second = transactions.runAmbient(async (own) => {
      secondOwn = own;
      releaseFirst();
      await first;
      await tick();
      secondSaw = transactions.manager;
    });
    await Promise.all([first, second]);
    expect(secondSaw).toBe(secondOwn);
  });

  it('switches the ambient store off when the last ambient transaction ends', async () => {
    let late: Promise<EntityManager> | undefined;
    await transactions.runAmbient(async () => {
      // Started inside, finished after: a store left enabled would still hand it the released manager.
      late = new Promise((resolve) => setTimeout(resolve, 20)).then(() => transactions.manager);
    });
    expect(await late).toBe(dataSource.manager);
  });

  it('switches it off as well when the ambient work fails, and rolls that work back', async () => {
    let late: Promise<EntityManager> | undefined;
    const table = `ambient_probe_${Date.now()}`;
    await expect(
      transactions.runAmbient(async (manager) => {
        await manager.query(`CREATE TABLE ${table} (value int)`);
        late = new Promise((resolve) => setTimeout(resolve, 20)).then(() => transactions.manager);
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await late).toBe(dataSource.manager);
    const [{ exists }]: { exists: boolean }[] = await dataSource.query(
      `SELECT to_regclass($1) IS NOT NULL AS exists`,
      [table],
    );
    expect(exists).toBe(false);
  });
});
