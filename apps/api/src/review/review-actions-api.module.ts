import { Module } from '@nestjs/common';
import { ReviewActionsModule } from '@claimdesk/review';
import { ReviewActionsController } from './review-actions.controller';

/** The review workflow's action routes. */
@Module({ imports: [ReviewActionsModule], controllers: [ReviewActionsController] })
export class ReviewActionsApiModule {}
