import { Module } from '@nestjs/common';
import { ClaimReviewModule } from '@claimdesk/claim-review';
import { ClaimReviewController } from './claim-review.controller';

@Module({ imports: [ClaimReviewModule], controllers: [ClaimReviewController] })
export class ClaimReviewApiModule {}
