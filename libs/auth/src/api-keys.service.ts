import { Injectable } from '@nestjs/common';
import {
  decodeTimeIdCursor,
  notFound,
  Page,
  PageQuery,
  Principal,
  toPage,
  TransactionService,
} from '@claimdesk/platform';
import { EventsService } from '@claimdesk/events';
import { ApiKey } from './api-key.entity';
import { generateApiKey, hashApiKey } from './credentials';
import { ApiKeyView, CreateApiKeyDto, IssuedApiKey, toApiKeyView } from './dto/api-key.dto';

/** Writing `last_used_at` on every request would turn reads into writes; once a minute is plenty. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** created_at with its full microsecond precision, so keyset pages neither skip nor repeat rows. */
const PRECISE_CREATED_AT = `to_char(key.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
  ) {}

  async issue(input: CreateApiKeyDto, issuer?: Principal | null): Promise<IssuedApiKey> {
    const { key, prefix, hash } = generateApiKey();
    const row = await this.transactions.run(async (manager) => {
      const saved = await manager.getRepository(ApiKey).save({
        name: input.name,
        role: input.role,
        prefix,
        keyHash: hash,
        createdBy: issuer?.kind === 'user' ? issuer.id : null,
      });
      await this.events.append(manager, 'api_key.issued', null, issuer, auditedKey(saved));
      return saved;
    });
    return {
      id: row.id,
      key,
      prefix,
      name: row.name,
      role: row.role,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** Newest first, revoked keys included (they show `revokedAt`). */
  async list(query: PageQuery): Promise<Page<ApiKeyView>> {
    const builder = this.transactions.manager
      .getRepository(ApiKey)
      .createQueryBuilder('key')
      .addSelect(PRECISE_CREATED_AT, 'cursor_at')
      .orderBy('key.created_at', 'DESC')
      .addOrderBy('key.id', 'DESC')
      .limit(query.limit + 1);
    if (query.cursor) {
      const [at, id] = decodeTimeIdCursor(query.cursor);
      builder.andWhere('(key.created_at, key.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', {
        at,
        id,
      });
    }
    const { entities, raw } = await builder.getRawAndEntities<{ cursor_at: string }>();
    const rows = entities.map((entity, index) => ({ entity, at: raw[index].cursor_at }));
    return toPage(
      rows,
      query.limit,
      (row) => [row.at, row.entity.id],
      (row) => toApiKeyView(row.entity),
    );
  }

  async get(id: string): Promise<ApiKeyView> {
    const key = await this.transactions.manager.getRepository(ApiKey).findOneBy({ id });
    if (!key) throw notFound('API key', id);
    return toApiKeyView(key);
  }

  /**
   * Revoking is permanent and idempotent: a second revoke keeps the first time and records no
   * second event.
   */
  async revoke(id: string, actor?: Principal | null): Promise<void> {
    await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(ApiKey);
      const key = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw notFound('API key', id);
      if (key.revokedAt) return;
      await manager.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [id]);
      await this.events.append(manager, 'api_key.revoked', null, actor, auditedKey(key));
    });
  }

  /** The principal for a presented key, or null when it is unknown or revoked. Records the use. */
  async authenticate(key: string): Promise<Principal | null> {
    const rows: { id: string; name: string; role: ApiKey['role']; stale: boolean }[] =
      await this.transactions.manager.query(
        `SELECT id, name, role,
                (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2)) AS stale
           FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
        [hashApiKey(key), LAST_USED_RESOLUTION_MS / 1000],
      );
    const [row] = rows;
    if (!row) return null;
    if (row.stale) {
      // The WHERE repeats the staleness test so replicas racing on the same key write once.
      await this.transactions.manager.query(
        `UPDATE api_keys SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
        [row.id, LAST_USED_RESOLUTION_MS / 1000],
      );
    }
    return { kind: 'api_key', id: row.id, name: row.name, roles: [row.role] };
  }
}

/** What audit events say about a key: never the key or its hash. */
function auditedKey(key: Pick<ApiKey, 'id' | 'name' | 'prefix' | 'role'>) {
  return { id: key.id, name: key.name, prefix: key.prefix, role: key.role };
}
