import { Module } from '@nestjs/common';
import { EventsModule } from '@claimdesk/events';
import { ReviewEventHandler } from './review-event.handler';

/** Review's job handlers; imported by the worker. */
@Module({
  imports: [EventsModule],
  providers: [ReviewEventHandler],
})
export class ReviewJobsModule {}
