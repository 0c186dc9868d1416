import { Injectable } from '@nestjs/common';
import {
  decodeCursor,
  decodeTimeIdCursor,
  forgedCursor,
  notFound,
  Page,
  PageQuery,
  toPage,
  TransactionService,
} from '@claimdesk/platform';
import { verdictRating, type Verdict } from '@claimdesk/workflow';
import { EntityManager } from 'typeorm';
import {
  Audience,
  DeskPerson,
  presentVersion,
  PublishedAppearance,
  PublishedEvidence,
  PublishedStance,
  PublishedVersion,
  PublishedVersionOutput,
} from './published-version';
import { PublishedVersionRow, toPublishedVersion, VERSION_COLUMNS } from './published-version.row';

/** What `publish` hands over: the claim and the approved review as they are at that moment. */
export interface PublicationInput {
  claimId: string;
  reviewId: string;
  language: string;
  text: string;
  summary: string;
  verdict: Verdict;
  evidenceStatus: string;
  stances: PublishedStance[];
  evidence: PublishedEvidence[];
  appearances: PublishedAppearance[];
  /** Why the previous version was reopened; ignored for a first publication. */
  correctionReason: string | null;
  submittedBy: DeskPerson;
  approvedBy: DeskPerson;
}

export interface CurrentVersionsQuery {
  limit: number;
  cursor?: string;
  since?: string;
}

/**
 * SQL for a column of the claim's latest published version (null before one), for filters on what
 * the public sees: `claimId` is a column reference such as `c.id`, never input.
 */
export const latestPublishedSql = (claimId: string, column: 'evidence_status' | 'verdict') =>
  `(SELECT p.${column} FROM published_versions p WHERE p.claim_id = ${claimId} ORDER BY p.version DESC LIMIT 1)`;

/**
 * SQL for the claim's latest published version as one JSON value (null before one), so a view of
 * the claim reads it in its own statement; `claimId` is a column reference, never input.
 * `latestFromJson` turns the value back into a PublishedVersion.
 */
export const latestPublishedJsonSql = (claimId: string) =>
  `(SELECT row_to_json(pv) FROM (SELECT ${VERSION_COLUMNS} FROM published_versions v
      WHERE v.claim_id = ${claimId} ORDER BY v.version DESC LIMIT 1) pv)`;

export function latestFromJson(value: unknown): PublishedVersion | null {
  if (value === null || value === undefined) return null;
  const row = value as Omit<PublishedVersionRow, 'published_at'> & { published_at: string };
  return toPublishedVersion({ ...row, published_at: new Date(row.published_at) });
}

/** The latest version of each claim: a correction replaces, it does not add, a fact-check. */
const LATEST = `NOT EXISTS (SELECT 1 FROM published_versions later
  WHERE later.claim_id = v.claim_id AND later.version > v.version)`;

/**
 * The published versions of fact-checks: the one read model of what the public saw. Rows are only
 * ever appended (a database trigger refuses UPDATE and DELETE), so nothing written to claims, stances
 * or evidence later changes them.
 */
@Injectable()
export class PublicationsService {
  constructor(private readonly transactions: TransactionService) {}

  /**
   * Appends the next version of a claim; the caller holds the claim's row lock, so versions are
   * numbered without gaps or races. A later version records what it corrected and why.
   */
  async record(manager: EntityManager, input: PublicationInput): Promise<PublishedVersion> {
    const [previous] = await this.versions(manager, `v.claim_id = $1 AND ${LATEST}`, [input.claimId]);
    const correction = previous
      ? {
          reason: input.correctionReason,
          previousVerdict: previous.verdict,
          previousRating: previous.rating,
          previousPublishedAt: previous.publishedAt,
        }
      : null;
    const [row]: PublishedVersionRow[] = await manager.query(
      `INSERT INTO published_versions AS v (claim_id, version, review_id, published_at, language, text, summary,
              verdict, rating, evidence_status, stances, evidence, appearances, correction, submitted_by, approved_by)
       VALUES ($1, $2, $3, now(), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING ${VERSION_COLUMNS}`,
      [
        input.claimId,
        (previous?.version ?? 0) + 1,
        input.reviewId,
        input.language,
        input.text,
        input.summary,
        input.verdict,
        verdictRating(input.verdict),
        input.evidenceStatus,
        JSON.stringify(input.stances),
        JSON.stringify(input.evidence),
        JSON.stringify(input.appearances),
        correction ? JSON.stringify(correction) : null,
        JSON.stringify(input.submittedBy),
        JSON.stringify(input.approvedBy),
      ],
    );
    return toPublishedVersion(row);
  }

  /** `GET /v1/claims/:id/published-versions`: oldest first, keyset-paged on the version number. */
  async page(claimId: string, query: PageQuery, audience: Audience): Promise<Page<PublishedVersionOutput>> {
    const manager = this.transactions.manager;
    const after = query.cursor ? afterVersion(query.cursor) : 0;
    const rows: PublishedVersionRow[] = await manager.query(
      `SELECT ${VERSION_COLUMNS} FROM published_versions v
        WHERE v.claim_id = $1 AND v.version > $2 ORDER BY v.version LIMIT $3`,
      [claimId, after, query.limit + 1],
    );
    if (!rows.length && !after) {
      const [claim]: unknown[] = await manager.query(`SELECT 1 FROM claims WHERE id = $1`, [claimId]);
      if (!claim) throw notFound('Claim', claimId);
    }
    return toPage(
      rows,
      query.limit,
      (row) => [row.version],
      (row) => presentVersion(toPublishedVersion(row), audience),
    );
  }

  /** Every version of these claims, by claim and version (oldest first). */
  allOf(manager: EntityManager, claimIds: string[]): Promise<PublishedVersion[]> {
    if (!claimIds.length) return Promise.resolve([]);
    return this.versions(manager, `v.claim_id = ANY($1::uuid[])`, [claimIds]);
  }

  /** The latest version of each of these claims that has one. */
  async latestOf(manager: EntityManager, claimIds: string[]): Promise<Map<string, PublishedVersion>> {
    if (!claimIds.length) return new Map();
    const rows = await this.versions(manager, `v.claim_id = ANY($1::uuid[]) AND ${LATEST}`, [claimIds]);
    return new Map(rows.map((version) => [version.claimId, version]));
  }

  /**
   * The latest version of every published claim, most recently published first, keyset-paged on
   * (published_at, claim id). `since` keeps those published or corrected at or after that time.
   */
  async current(query: CurrentVersionsQuery): Promise<Page<PublishedVersion>> {
    const params: unknown[] = [];
    const where = [LATEST];
    if (query.since) {
      params.push(query.since);
      where.push(`v.published_at >= $${params.length}::timestamptz`);
    }
    if (query.cursor) {
      const [at, id] = decodeTimeIdCursor(query.cursor);
      params.push(at, id);
      where.push(
        `(v.published_at, v.claim_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(query.limit + 1);
    const rows: PublishedVersionRow[] = await this.transactions.manager.query(
      `SELECT ${VERSION_COLUMNS} FROM published_versions v WHERE ${where.join(' AND ')}
        ORDER BY v.published_at DESC, v.claim_id DESC LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.cursor_at, row.claim_id], toPublishedVersion);
  }

  private async versions(
    manager: EntityManager,
    where: string,
    params: unknown[],
  ): Promise<PublishedVersion[]> {
    const rows: PublishedVersionRow[] = await manager.query(
      `SELECT ${VERSION_COLUMNS} FROM published_versions v WHERE ${where} ORDER BY v.claim_id, v.version`,
      params,
    );
    return rows.map(toPublishedVersion);
  }
}

/** The last version number of the previous page; anything else is a forged cursor (400, not 500). */
function afterVersion(cursor: string): number {
  const [version] = decodeCursor(cursor, 1);
  if (typeof version === 'number' && Number.isInteger(version) && version >= 1 && version < 2 ** 31) {
    return version;
  }
  throw forgedCursor();
}
