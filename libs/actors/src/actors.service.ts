import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { decodeCursor, forgedCursor, notFound, Page, toPage, TransactionService } from '@claimdesk/platform';
import type { ClaimStatus, Verdict } from '@claimdesk/workflow';
import { EntityManager } from 'typeorm';
import { ActorKind } from './actor.entity';
import { CreateActorDto } from './dto/create-actor.dto';
import {
  ACTOR_CLAIMS_LIMIT,
  ActorDetailView,
  ActorStanceView,
  ActorView,
  StanceType,
} from './dto/actor.view';
import { ListActorsQuery } from './dto/list-actors-query.dto';

interface ActorRow {
  id: string;
  name: string;
  kind: ActorKind;
  title: string | null;
  country: string | null;
  aliases: string[];
  name_key: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface ActorStanceRow {
  id: string;
  type: StanceType;
  stated_at: Date | null;
  quote: string | null;
  source_url: string | null;
  claim_id: string;
  claim_text: string;
  claim_status: ClaimStatus;
  claim_evidence_status: string;
  claim_verdict: Verdict | null;
  claim_created_at: Date;
}

const ACTOR_COLUMNS = `id, name, kind, title, country, aliases, name_key, created_at, updated_at, version`;

function toActorView(row: ActorRow): ActorView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    title: row.title,
    country: row.country,
    aliases: row.aliases,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Trims and de-duplicates what a client sent, so stored names and aliases are tidy. */
function tidy(input: CreateActorDto) {
  const name = input.name.trim().replace(/\s+/g, ' ');
  const aliases = [
    ...new Set((input.aliases ?? []).map((alias) => alias.trim().replace(/\s+/g, ' '))),
  ].filter((alias) => alias !== name);
  return {
    name,
    kind: input.kind,
    title: input.title?.trim() || null,
    country: input.country?.trim() || null,
    aliases,
  };
}

@Injectable()
export class ActorsService {
  constructor(private readonly transactions: TransactionService) {}

  async create(input: CreateActorDto): Promise<ActorView> {
    return this.transactions.run(async (manager) => toActorView(await this.insert(manager, input)));
  }

  /**
   * The actor whose folded name or alias equals the folded name or an alias of `input`, or a new
   * one. Advisory locks on every folded key serialise concurrent calls for the same person, so two
   * claims submitted at once that both name "Sergéi Lavrov" end up with one actor, not two.
   * Must run inside the caller's transaction (the locks are released at its end).
   */
  async findOrCreate(
    manager: EntityManager,
    input: CreateActorDto,
  ): Promise<{ actor: ActorView; created: boolean }> {
    const actor = tidy(input);
    const names = [actor.name, ...actor.aliases];
    const keyRows: { key: string }[] = await manager.query(
      `SELECT DISTINCT claimdesk_actor_key(value) AS key FROM unnest($1::text[]) AS value ORDER BY key`,
      [names],
    );
    const keys = keyRows.map((row) => row.key);
    // Sorted order, so two transactions locking overlapping key sets cannot deadlock.
    for (const key of keys) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`actor:${key}`]);
    }
    const [found]: ActorRow[] = await manager.query(
      `SELECT ${ACTOR_COLUMNS} FROM actors
        WHERE name_key = ANY($1::text[]) OR alias_keys && $1::text[]
        ORDER BY (name_key = claimdesk_actor_key($2)) DESC, (name_key = ANY($1::text[])) DESC, created_at, id
        LIMIT 1`,
      [keys, actor.name],
    );
    if (found) return { actor: toActorView(found), created: false };
    return { actor: toActorView(await this.insert(manager, input)), created: true };
  }

  async get(id: string): Promise<ActorDetailView> {
    const manager = this.transactions.manager;
    const [actor]: ActorRow[] = await manager.query(`SELECT ${ACTOR_COLUMNS} FROM actors WHERE id = $1`, [
      id,
    ]);
    if (!actor) throw notFound('Actor', id);
    // Stances belong to the claims feature; this read-only join is the actor page's one view of
    // them (the claims module depends on this one, so calling its service would be a cycle).
    const rows: ActorStanceRow[] = await manager.query(
      `SELECT s.id, s.type, s.stated_at, s.quote, s.source_url,
              c.id AS claim_id, c.text AS claim_text, c.status AS claim_status,
              c.evidence_status AS claim_evidence_status, c.verdict AS claim_verdict, c.created_at AS claim_created_at
         FROM stances s JOIN claims c ON c.id = s.claim_id
        WHERE s.actor_id = $1
        ORDER BY coalesce(s.stated_at, s.created_at) DESC, s.id DESC
        LIMIT $2`,
      [id, ACTOR_CLAIMS_LIMIT + 1],
    );
    const claims: ActorStanceView[] = rows.slice(0, ACTOR_CLAIMS_LIMIT).map((row) => ({
      stanceId: row.id,
      type: row.type,
      statedAt: row.stated_at?.toISOString() ?? null,
      quote: row.quote,
      sourceUrl: row.source_url,
      claim: {
        id: row.claim_id,
        text: row.claim_text,
        status: row.claim_status,
        evidenceStatus: row.claim_evidence_status,
        verdict: row.claim_verdict,
        createdAt: row.claim_created_at.toISOString(),
      },
    }));
    return { ...toActorView(actor), claims, claimsTruncated: rows.length > ACTOR_CLAIMS_LIMIT };
  }

  /** Actors by folded name; `q` matches name or aliases by substring or by word similarity (typos). */
  async list(query: ListActorsQuery): Promise<Page<ActorView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const q = query.q?.trim();
    if (q) {
      params.push(q.replace(/[\\%_]/g, '\\$&'), q);
      where.push(
        `(search_key LIKE '%' || claimdesk_actor_key($1) || '%' OR claimdesk_actor_key($2) <% search_key)`,
      );
    }
    if (query.cursor) {
      const [nameKey, id] = decodeCursor(query.cursor, 2);
      if (typeof nameKey !== 'string' || typeof id !== 'string' || !isUUID(id)) throw forgedCursor();
      params.push(nameKey, id);
      where.push(`(name_key, id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows: ActorRow[] = await this.transactions.manager.query(
      `SELECT ${ACTOR_COLUMNS} FROM actors
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY name_key, id
        LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.name_key, row.id], toActorView);
  }

  /** The actor, or null; for other features that reference actors by id. */
  async find(manager: EntityManager, id: string): Promise<ActorView | null> {
    const [row]: ActorRow[] = await manager.query(`SELECT ${ACTOR_COLUMNS} FROM actors WHERE id = $1`, [id]);
    return row ? toActorView(row) : null;
  }

  private async insert(manager: EntityManager, input: CreateActorDto): Promise<ActorRow> {
    const actor = tidy(input);
    const [row]: ActorRow[] = await manager.query(
      `INSERT INTO actors (name, kind, title, country, aliases) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${ACTOR_COLUMNS}`,
      [actor.name, actor.kind, actor.title, actor.country, actor.aliases],
    );
    return row;
  }
}
