import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The OpenAPI description of the JSON-LD we serve. The objects themselves are built with the
 * schema-dts typings (build-claim-review.ts), which check every schema.org property name.
 */
export class RatingDoc {
  @ApiProperty({ example: 'Rating' })
  '@type': string;

  @ApiPropertyOptional({ example: 2, minimum: 1, maximum: 7, description: 'Absent for "Unproven".' })
  ratingValue?: number;

  @ApiProperty({ example: 7 })
  bestRating: number;

  @ApiProperty({ example: 1 })
  worstRating: number;

  @ApiProperty({ example: 'Mostly false' })
  alternateName: string;
}

export class ClaimReviewDoc {
  @ApiProperty({ example: 'https://schema.org' })
  '@context': string;

  @ApiProperty({ example: 'ClaimReview' })
  '@type': string;

  @ApiProperty({
    example: 'https://factcheck.example.org/fact-checks/2b1f0c7e-9d8a-4f5b-8c3d-2e1f0a9b8c7d',
    description: 'The public fact-check page unless PUBLIC_CLAIM_URL_TEMPLATE says otherwise.',
  })
  url: string;

  @ApiProperty({ example: 'Mercenaries from Albania, Kosovo and Bosnia are being sent to fight in Ukraine.' })
  claimReviewed: string;

  @ApiProperty({ description: 'The review summary.' })
  reviewBody: string;

  @ApiProperty({ type: RatingDoc })
  reviewRating: RatingDoc;

  @ApiProperty({
    type: Object,
    description:
      '`{"@type": "Claim", author: Person|Organization {name, jobTitle?}, appearance: [{"@type": "CreativeWork", url, headline?, publisher?, datePublished?}], datePublished}`',
  })
  itemReviewed: Record<string, unknown>;

  @ApiProperty({
    type: Object,
    example: { '@type': 'Organization', name: 'claimdesk', url: 'https://factcheck.example.org' },
  })
  author: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', description: 'When a verdict on the claim was first published.' })
  datePublished: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the latest correction was published.' })
  dateModified?: string;

  @ApiProperty({ example: 'en' })
  inLanguage: string;

  @ApiPropertyOptional({
    type: Object,
    isArray: true,
    description:
      'Correction history, oldest first: `[{"@type": "CorrectionComment", datePublished, text (the reason given when reopening), name (the rating it replaced)}]`.',
  })
  correction?: Record<string, unknown>[];
}

export class ClaimReviewFeedDoc {
  @ApiProperty({
    example: ['https://schema.org', { nextCursor: null }],
    description: 'schema.org, with `nextCursor` kept outside the vocabulary.',
  })
  '@context': unknown[];

  @ApiProperty({ example: 'DataFeed' })
  '@type': string;

  @ApiProperty({ example: 'claimdesk fact-checks' })
  name: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the newest fact-check on this page was published.',
  })
  dateModified?: string;

  @ApiProperty({
    type: [ClaimReviewDoc],
    description: 'The ClaimReviews (each without its own `@context`), most recently published first.',
  })
  dataFeedElement: ClaimReviewDoc[];

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Pass as `cursor` for the next page (also sent as a `Link: <…>; rel="next"` header); null on the last.',
  })
  nextCursor: string | null;
}
