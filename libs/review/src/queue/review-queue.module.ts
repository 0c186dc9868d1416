import { Module } from '@nestjs/common';
import { ClaimsModule } from '@claimdesk/claims';
import { EventsModule } from '@claimdesk/events';
import { ReviewQueueService } from './review-queue.service';

@Module({
  imports: [ClaimsModule, EventsModule],
  providers: [ReviewQueueService],
  exports: [ReviewQueueService],
})
export class ReviewQueueModule {}
