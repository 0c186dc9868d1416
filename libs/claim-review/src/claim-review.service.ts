import { Injectable } from '@nestjs/common';
import { AppConfig, Page, ProblemException, TransactionService } from '@claimdesk/platform';
import { PublicationsService, PublishedVersion } from '@claimdesk/publications';
import type { ClaimReview, DataFeed, WithContext } from 'schema-dts';
import { buildClaimReview, claimReviewItem, ClaimReviewItem, Publisher } from './build-claim-review';
import { ClaimReviewsQuery } from './dto/claim-reviews-query.dto';

/** A published fact-check: its versions (oldest first) and the ClaimReview made of them. */
export interface PublishedFactCheck {
  claimId: string;
  versions: PublishedVersion[];
  claimReview: WithContext<ClaimReview>;
}

/** The feed as a JSON-LD document: a schema.org DataFeed; `nextCursor` is ours, outside the vocabulary. */
export type ClaimReviewFeed = {
  '@context': ['https://schema.org', { nextCursor: null }];
  '@type': 'DataFeed';
  name: string;
  dataFeedElement: ClaimReviewItem[];
  nextCursor: string | null;
} & Pick<Exclude<DataFeed, string>, 'dateModified'>;

/**
 * Published fact-checks as schema.org ClaimReview. It reads the published versions only (through
 * the publications read model), never the working claim, so nothing edited after publication shows.
 */
@Injectable()
export class ClaimReviewService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly publications: PublicationsService,
    private readonly config: AppConfig,
  ) {}

  get publisher(): Publisher {
    return {
      name: this.config.ORG_NAME,
      url: this.config.orgUrl,
      urlTemplate: this.config.publicClaimUrlTemplate,
    };
  }

  /** A claim's published fact-check; 404 while it has none (or does not exist). */
  async published(claimId: string): Promise<PublishedFactCheck> {
    const versions = await this.publications.allOf(this.transactions.manager, [claimId]);
    if (!versions.length) {
      throw new ProblemException(404, `Claim ${claimId} does not exist or has no published review.`);
    }
    return this.factCheck(claimId, versions);
  }

  async forClaim(claimId: string): Promise<WithContext<ClaimReview>> {
    return (await this.published(claimId)).claimReview;
  }

  /** Current fact-checks, most recently published (or corrected) first, keyset-paged. */
  async current(query: ClaimReviewsQuery): Promise<Page<PublishedFactCheck>> {
    const page = await this.publications.current(query);
    const ids = page.items.map((version) => version.claimId);
    const all = await this.publications.allOf(this.transactions.manager, ids);
    return {
      items: ids.map((id) =>
        this.factCheck(
          id,
          all.filter((version) => version.claimId === id),
        ),
      ),
      nextCursor: page.nextCursor,
    };
  }

  async feed(query: ClaimReviewsQuery): Promise<ClaimReviewFeed> {
    const page = await this.current(query);
    return {
      '@context': ['https://schema.org', { nextCursor: null }],
      '@type': 'DataFeed',
      name: `${this.config.ORG_NAME} fact-checks`,
      ...(page.items.length ? { dateModified: page.items[0].versions.at(-1)!.publishedAt } : {}),
      dataFeedElement: page.items.map((item) => claimReviewItem(item.claimId, item.versions, this.publisher)),
      nextCursor: page.nextCursor,
    };
  }

  private factCheck(claimId: string, versions: PublishedVersion[]): PublishedFactCheck {
    return { claimId, versions, claimReview: buildClaimReview(claimId, versions, this.publisher) };
  }
}
