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

  @ApiProperty({ example: 'https://factcheck.example.org/claims/2b1f0c7e-9d8a-4f5b-8c3d-2e1f0a9b8c7d' })
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
      '`{"@type": "Claim", author: Person|Organization {name, jobTitle?}, appearance: [{"@type": "CreativeWork", url}], datePublished}`',
  })
  itemReviewed: Record<string, unknown>;

  @ApiProperty({
    type: Object,
    example: { '@type': 'Organization', name: 'claimdesk', url: 'https://factcheck.example.org' },
  })
  author: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', description: 'When a verdict on the claim was first published.' })
  datePublished: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the verdict was last corrected.' })
  dateModified?: string;

  @ApiPropertyOptional({
    type: Object,
    isArray: true,
    description: 'Correction history: `[{"@type": "CorrectionComment", datePublished, text}]`, oldest first.',
  })
  correction?: Record<string, unknown>[];
}

export class ClaimReviewPage {
  @ApiProperty({ type: [ClaimReviewDoc] })
  items: ClaimReviewDoc[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
