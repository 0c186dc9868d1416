import { Injectable } from '@nestjs/common';
import {
  AppConfig,
  decodeTimeIdCursor,
  Page,
  ProblemException,
  TransactionService,
} from '@claimdesk/platform';
import type { Verdict } from '@claimdesk/workflow';
import type { ClaimReview, WithContext } from 'schema-dts';
import { EntityManager } from 'typeorm';
import { buildClaimReview, ClaimAuthor, PublishedReview, Publisher } from './build-claim-review';
import { ClaimReviewsQuery } from './dto/claim-reviews-query.dto';

interface ReviewRow {
  id: string;
  claim_id: string;
  verdict: Verdict;
  summary: string;
  published_at: Date;
  cursor_at: string;
}

interface ClaimRow {
  id: string;
  text: string;
  source_url: string | null;
  source_published_at: Date | null;
}

interface StanceRow {
  claim_id: string;
  type: string;
  stated_at: Date | null;
  source_url: string | null;
  actor_name: string;
  actor_kind: string;
  actor_title: string | null;
}

/** The latest published review of each claim: corrections replace, they do not add, a fact-check. */
const CURRENT = `r.outcome = 'published' AND NOT EXISTS (
  SELECT 1 FROM reviews later
   WHERE later.claim_id = r.claim_id AND later.outcome = 'published'
     AND (later.published_at, later.round) > (r.published_at, r.round))`;

const REVIEW_COLUMNS = `r.id, r.claim_id, r.verdict, r.summary, r.published_at,
  to_char(r.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

const toPublished = (row: ReviewRow): PublishedReview => ({
  id: row.id,
  verdict: row.verdict,
  summary: row.summary,
  publishedAt: row.published_at,
});

/** Published fact-checks as schema.org ClaimReview, read from the reviews the workflow published. */
@Injectable()
export class ClaimReviewService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly config: AppConfig,
  ) {}

  private get publisher(): Publisher {
    return {
      name: this.config.ORG_NAME,
      url: this.config.ORG_URL,
      urlTemplate: this.config.PUBLIC_CLAIM_URL_TEMPLATE,
    };
  }

  /** The ClaimReview of a claim's published verdict; 404 while it has none (or does not exist). */
  async forClaim(claimId: string): Promise<WithContext<ClaimReview>> {
    const manager = this.transactions.manager;
    const [current]: ReviewRow[] = await manager.query(
      `SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE r.claim_id = $1 AND ${CURRENT}`,
      [claimId],
    );
    if (!current) {
      throw new ProblemException(404, `Claim ${claimId} does not exist or has no published review.`);
    }
    const [built] = await this.build(manager, [current]);
    return built;
  }

  /** Current published fact-checks, most recently published first, keyset-paged. */
  async feed(query: ClaimReviewsQuery): Promise<Page<WithContext<ClaimReview>>> {
    const params: unknown[] = [];
    const where = [CURRENT];
    if (query.since) {
      params.push(query.since);
      where.push(`r.published_at >= $${params.length}::timestamptz`);
    }
    if (query.cursor) {
      const [at, id] = decodeTimeIdCursor(query.cursor);
      params.push(at, id);
      where.push(`(r.published_at, r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows: ReviewRow[] = await this.transactions.manager.query(
      `SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE ${where.join(' AND ')}
        ORDER BY r.published_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
    const shown = rows.slice(0, query.limit);
    const items = await this.build(this.transactions.manager, shown);
    const last = shown[shown.length - 1];
    return {
      items,
      nextCursor:
        rows.length > query.limit
          ? Buffer.from(JSON.stringify([last.cursor_at, last.id])).toString('base64url')
          : null,
    };
  }

  /** Builds the documents for current reviews with one query per table, not per claim. */
  private async build(manager: EntityManager, current: ReviewRow[]): Promise<WithContext<ClaimReview>[]> {
    if (!current.length) return [];
    const claimIds = current.map((row) => row.claim_id);
    const claims: ClaimRow[] = await manager.query(
      `SELECT c.id, c.text, s.url AS source_url, s.published_at AS source_published_at
         FROM claims c LEFT JOIN sources s ON s.id = c.source_id WHERE c.id = ANY($1::uuid[])`,
      [claimIds],
    );
    const stances: StanceRow[] = await manager.query(
      `SELECT s.claim_id, s.type, s.stated_at, s.source_url, a.name AS actor_name, a.kind AS actor_kind,
              a.title AS actor_title
         FROM stances s JOIN actors a ON a.id = s.actor_id
        WHERE s.claim_id = ANY($1::uuid[])
        ORDER BY s.stated_at NULLS LAST, s.created_at, s.id`,
      [claimIds],
    );
    const earlier: ReviewRow[] = await manager.query(
      `SELECT ${REVIEW_COLUMNS} FROM reviews r
        WHERE r.claim_id = ANY($1::uuid[]) AND r.outcome = 'published' AND r.id <> ALL($2::uuid[])
        ORDER BY r.published_at, r.round`,
      [claimIds, current.map((row) => row.id)],
    );
    const claimById = new Map(claims.map((claim) => [claim.id, claim]));
    return current.map((review) => {
      const claim = claimById.get(review.claim_id)!;
      const own = stances.filter((stance) => stance.claim_id === review.claim_id);
      const asserted = own.find((stance) => stance.type === 'asserted') ?? null;
      const author: ClaimAuthor | null = asserted
        ? { name: asserted.actor_name, kind: asserted.actor_kind, title: asserted.actor_title }
        : null;
      // Where the claim was made or spread; a rejection's source is not an appearance of the claim.
      const appearances = [
        claim.source_url,
        ...own.filter((stance) => stance.type !== 'rejected').map((stance) => stance.source_url),
      ].filter((url): url is string => !!url);
      return buildClaimReview(
        {
          claimId: claim.id,
          claimText: claim.text,
          review: toPublished(review),
          corrected: earlier
            .filter((row) => row.claim_id === review.claim_id && row.published_at <= review.published_at)
            .map(toPublished),
          author,
          claimDate: asserted?.stated_at ?? claim.source_published_at ?? null,
          appearances: [...new Set(appearances)],
        },
        this.publisher,
      );
    });
  }
}
