import { Injectable } from '@nestjs/common';
import { OnJob, ReviewTimerPayload } from '@claimdesk/platform';
import { ReviewTimerOutcome, ReviewTimers } from './review-timers.service';

/** The worker's entry points for the two due-date timers. */
@Injectable()
export class ReviewTimerHandler {
  constructor(private readonly timers: ReviewTimers) {}

  @OnJob('review.due_soon')
  dueSoon(payload: ReviewTimerPayload): Promise<ReviewTimerOutcome> {
    return this.timers.fire('due_soon', payload);
  }

  @OnJob('review.overdue')
  overdue(payload: ReviewTimerPayload): Promise<ReviewTimerOutcome> {
    return this.timers.fire('overdue', payload);
  }
}
