import { Module } from '@nestjs/common';
import { ClaimsModule } from '@claimdesk/claims';
import { EventsModule } from '@claimdesk/events';
import { AutoAssigner } from '../auto-assign/auto-assigner.service';
import { ReviewTimerHandler } from '../timers/review-timer.handler';
import { ReviewTimerRecovery } from '../timers/review-timer-recovery';
import { ReviewTimers } from '../timers/review-timers.service';
import { ReviewEventHandler } from './review-event.handler';

/** Review's job handlers (claim events, due-date timers, auto-assignment); imported by the worker. Needs QueueModule. */
@Module({
  imports: [EventsModule, ClaimsModule],
  providers: [ReviewEventHandler, ReviewTimers, ReviewTimerHandler, ReviewTimerRecovery, AutoAssigner],
  exports: [ReviewTimers, AutoAssigner],
})
export class ReviewJobsModule {}
