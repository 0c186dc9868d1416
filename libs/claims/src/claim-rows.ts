/** How claims and their stances and evidence are read from SQL rows and presented. */
import { ActorKind, StanceType } from '@claimdesk/actors';
import { PublishedVersion } from '@claimdesk/publications';
import { ClaimStatus, CreatorKind, EvidenceStatus, Priority, Verdict } from './claim.entity';
import { ReviewRow } from './claim-workflow';
import { ClaimSummaryView, CreatorView, EvidenceView, SourceView, StanceView } from './dto/claim.view';
import { EvidenceKind, EvidenceRelation, Reliability } from './evidence.entity';

export interface ClaimRow {
  id: string;
  text: string;
  summary: string | null;
  language: string;
  tags: string[];
  priority: Priority;
  status: ClaimStatus;
  evidence_status: EvidenceStatus;
  verdict: Verdict | null;
  source_id: string | null;
  assignee_id: string | null;
  due_at: Date | null;
  created_by_kind: CreatorKind | null;
  created_by_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  /** created_at with microseconds, for the keyset cursor (a JS Date keeps only milliseconds). */
  cursor_at: string;
}

export interface StanceRow {
  id: string;
  claim_id: string;
  type: StanceType;
  stated_at: Date | null;
  quote: string | null;
  source_url: string | null;
  created_at: Date;
  created_by_kind: CreatorKind | null;
  created_by_id: string | null;
  actor_id: string;
  actor_name: string;
  actor_kind: ActorKind;
  actor_title: string | null;
  actor_country: string | null;
}

export interface EvidenceRow {
  id: string;
  claim_id: string;
  kind: EvidenceKind;
  summary: string;
  url: string | null;
  relation: EvidenceRelation;
  reliability: Reliability | null;
  created_at: Date;
  created_by_kind: CreatorKind | null;
  created_by_id: string | null;
}

export const CLAIM_COLUMNS = `c.id, c.text, c.summary, c.language, c.tags, c.priority, c.status, c.evidence_status, c.verdict,
  c.source_id, c.assignee_id, c.due_at, c.created_by_kind, c.created_by_id, c.created_at, c.updated_at, c.version,
  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

export const STANCE_SELECT = `SELECT s.id, s.claim_id, s.type, s.stated_at, s.quote, s.source_url, s.created_at,
    s.created_by_kind, s.created_by_id, a.id AS actor_id, a.name AS actor_name, a.kind AS actor_kind,
    a.title AS actor_title, a.country AS actor_country
  FROM stances s JOIN actors a ON a.id = s.actor_id`;

export const EVIDENCE_COLUMNS = `id, claim_id, kind, summary, url, relation, reliability, created_at, created_by_kind, created_by_id`;

/** The fields PATCH may change, with their column and how to compare and present values. */
export const EDITABLE = {
  text: 'text',
  summary: 'summary',
  tags: 'tags',
  priority: 'priority',
  dueAt: 'due_at',
  evidenceStatus: 'evidence_status',
} as const;
export type EditableField = keyof typeof EDITABLE;

function creator(kind: CreatorKind | null, id: string | null): CreatorView | null {
  return kind && id ? { kind, id } : null;
}

export function toStanceView(row: StanceRow): StanceView {
  return {
    id: row.id,
    type: row.type,
    actor: {
      id: row.actor_id,
      name: row.actor_name,
      kind: row.actor_kind,
      title: row.actor_title,
      country: row.actor_country,
    },
    statedAt: row.stated_at?.toISOString() ?? null,
    quote: row.quote,
    sourceUrl: row.source_url,
    createdAt: row.created_at.toISOString(),
    createdBy: creator(row.created_by_kind, row.created_by_id),
  };
}

export function toEvidenceView(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    kind: row.kind,
    summary: row.summary,
    url: row.url,
    relation: row.relation,
    reliability: row.reliability,
    createdAt: row.created_at.toISOString(),
    createdBy: creator(row.created_by_kind, row.created_by_id),
  };
}

export function toSummaryView(
  row: ClaimRow,
  source: SourceView | null,
  stances: StanceView[],
): ClaimSummaryView {
  return {
    id: row.id,
    text: row.text,
    summary: row.summary,
    language: row.language,
    tags: row.tags,
    priority: row.priority,
    status: row.status,
    evidenceStatus: row.evidence_status,
    verdict: row.verdict,
    assigneeId: row.assignee_id,
    dueAt: row.due_at?.toISOString() ?? null,
    source,
    stances,
    createdBy: creator(row.created_by_kind, row.created_by_id),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** A field's value as the API and the event payloads show it. */
export function presented(field: EditableField, row: ClaimRow): unknown {
  const value = row[EDITABLE[field]];
  return value instanceof Date ? value.toISOString() : value;
}

export function sameValue(field: EditableField, current: unknown, next: unknown): boolean {
  if (field === 'dueAt') {
    const toTime = (value: unknown) => (value === null ? null : new Date(value as string).getTime());
    return toTime(current) === toTime(next);
  }
  if (field === 'tags') return JSON.stringify(current) === JSON.stringify(next);
  return current === next;
}

/** TypeORM answers UPDATE/DELETE … RETURNING with `[rows, affected]` but INSERT … RETURNING with the rows. */
export function returned<T>(result: T[] | [T[], number]): T[] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number'
    ? (result[0] as T[])
    : (result as T[]);
}

export const uniqueTags = (tags: string[]) => [...new Set(tags)];

/** The parts of a claim that `load` aggregates as JSON next to its row. */
export interface ClaimParts {
  stances_json: Record<string, unknown>[];
  evidence_json: Record<string, unknown>[];
  source_json: Record<string, unknown> | null;
  reviews_json: Record<string, unknown>[];
  notes_count: number;
  /** The latest published version's row as JSON, or null (latestPublishedJsonSql). */
  published_json: unknown;
}

/** A claim's parts as its view shows them: read with the claim (ClaimParts), or just written. */
export interface ClaimViewParts {
  source: SourceView | null;
  stances: StanceView[];
  evidence: EvidenceView[];
  reviews: ReviewRow[];
  notesCount: number;
  published: PublishedVersion | null;
}

/** JSON aggregation returns timestamps as text; the row mappers expect Dates, as pg gives for plain rows. */
export function withDates<Row>(rows: Record<string, unknown>[], dateKeys: string[]): Row[] {
  return rows.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const key of dateKeys) if (typeof copy[key] === 'string') copy[key] = new Date(copy[key] as string);
    return copy as Row;
  });
}
