import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one database transaction. When a transaction is already open for this request
 * (the idempotency interceptor opens one so the stored response commits with the write), the
 * work joins it instead of opening a second one.
 */
@Injectable()
export class TransactionService {
  private readonly ambient = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.ambient.getStore();
    if (current) return work(current);
    return this.dataSource.transaction((manager) => this.ambient.run(manager, () => work(manager)));
  }

  /** The open transaction's manager, or the plain one for reads outside a transaction. */
  get manager(): EntityManager {
    return this.ambient.getStore() ?? this.dataSource.manager;
  }
}
