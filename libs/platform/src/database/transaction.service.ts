import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one database transaction. Work that must share a transaction it did not open says
 * so: `run(work, manager)` joins the caller's. The one exception is a request with an
 * `Idempotency-Key`: the interceptor opens the transaction with `runAmbient`, so the stored response
 * commits with whatever the handler writes, and every `run` and `manager` the handler reaches, however
 * deep, joins it.
 *
 * The ambient transaction lives in AsyncLocalStorage, which on Node 20 runs a hook on every promise
 * in the process while it is enabled (about a quarter of the API's CPU per read, docs/performance.md).
 * So it is enabled only while such a request is open, and disabled when the last one ends.
 */
@Injectable()
export class TransactionService {
  private readonly ambient = new AsyncLocalStorage<EntityManager>();
  private ambientOpen = 0;

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>, within?: EntityManager): Promise<T> {
    const joined = within?.queryRunner?.isTransactionActive ? within : this.ambient.getStore();
    if (joined) return work(joined);
    return this.dataSource.transaction(work);
  }

  /** A transaction that the work's own `run` and `manager` calls join (the idempotency interceptor's). */
  runAmbient<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.ambient.getStore();
    if (current) return work(current);
    return this.dataSource.transaction(async (manager) => {
      this.ambientOpen += 1;
      try {
        return await this.ambient.run(manager, () => work(manager));
      } finally {
        this.ambientOpen -= 1;
        if (this.ambientOpen === 0) this.ambient.disable();
      }
    });
  }

  /** The ambient transaction's manager while one is open, or the plain one. */
  get manager(): EntityManager {
    return this.ambient.getStore() ?? this.dataSource.manager;
  }
}
