import { Module } from '@nestjs/common';
import { PublicationsModule } from '@claimdesk/publications';
import { ClaimReviewService } from './claim-review.service';

/** The schema.org export of published fact-checks; reads the published versions, owns no table. */
@Module({ imports: [PublicationsModule], providers: [ClaimReviewService], exports: [ClaimReviewService] })
export class ClaimReviewModule {}
