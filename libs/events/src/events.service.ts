import { Injectable } from '@nestjs/common';
import { Principal, TransactionService } from '@claimdesk/platform';
import { EntityManager } from 'typeorm';
import { DomainEvent } from './domain-event.entity';
import { EventType } from './event-types';

export interface HistoryEntry {
  id: string;
  type: EventType;
  at: string;
  actor: { kind: 'user' | 'api_key'; id: string; name: string | null } | null;
  changes: Record<string, unknown>;
}

@Injectable()
export class EventsService {
  constructor(private readonly transactions: TransactionService) {}

  /** Appends an event inside the caller's transaction; the change and its event commit together. */
  async append(
    manager: EntityManager,
    type: EventType,
    claimId: string | null,
    actor: Principal | null | undefined,
    payload: Record<string, unknown> = {},
  ): Promise<DomainEvent> {
    return manager.getRepository(DomainEvent).save({
      type,
      claimId,
      actorKind: actor?.kind ?? null,
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? null,
      payload,
    });
  }

  /** Every event of a claim, oldest first. */
  async history(claimId: string): Promise<HistoryEntry[]> {
    const rows = await this.transactions.manager
      .getRepository(DomainEvent)
      .find({ where: { claimId }, order: { id: 'ASC' } });
    return rows.map((row) => ({
      id: row.id,
      type: row.type as EventType,
      at: row.createdAt.toISOString(),
      actor:
        row.actorKind && row.actorId ? { kind: row.actorKind, id: row.actorId, name: row.actorName } : null,
      changes: row.payload,
    }));
  }
}
