import { Module } from '@nestjs/common';
import { AuthModule } from '@claimdesk/auth';
import { ClaimsModule } from '@claimdesk/claims';
import { EventsModule } from '@claimdesk/events';
import { PublicationsModule } from '@claimdesk/publications';
import { ReviewActionsService } from './review-actions.service';

/** The workflow actions on claims; the API's action routes and the review queue use the service. */
@Module({
  imports: [ClaimsModule, EventsModule, AuthModule, PublicationsModule],
  providers: [ReviewActionsService],
  exports: [ReviewActionsService],
})
export class ReviewActionsModule {}
