import { Module } from '@nestjs/common';
import { ClaimReviewModule } from '@claimdesk/claim-review';
import { ClaimReviewController } from './claim-review.controller';
import { FactCheckPagesController } from './fact-check-pages.controller';

@Module({ imports: [ClaimReviewModule], controllers: [ClaimReviewController, FactCheckPagesController] })
export class ClaimReviewApiModule {}
