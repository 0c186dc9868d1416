import { Module } from '@nestjs/common';
import { ClaimReviewService } from './claim-review.service';

/** The schema.org export of published fact-checks; reads the reviews table, owns none. */
@Module({ providers: [ClaimReviewService], exports: [ClaimReviewService] })
export class ClaimReviewModule {}
