import { Injectable, Logger } from '@nestjs/common';
import { EventsService } from '@claimdesk/events';
import { EventJobPayload, OnJob } from '@claimdesk/platform';
import { AutoAssigner } from '../auto-assign/auto-assigner.service';
import { ReviewTimers } from '../timers/review-timers.service';

/**
 * Events after which a claim may have a new assignment or due date, or be back in a status where
 * its due date counts (a send-back): its timers are set again from the current rows.
 */
const TIMER_EVENTS = new Set([
  'claim.triaged',
  'claim.assigned',
  'claim.reopened',
  'claim.sent_back',
  'claim.updated',
]);

/** Review's view of every claim event: auto-assignment of triaged claims and due-date timers. */
@Injectable()
export class ReviewEventHandler {
  private readonly logger = new Logger(ReviewEventHandler.name);

  constructor(
    private readonly events: EventsService,
    private readonly autoAssigner: AutoAssigner,
    private readonly timers: ReviewTimers,
  ) {}

  @OnJob('review.event')
  async handle(payload: EventJobPayload): Promise<void> {
    const event = await this.events.findRelayed(payload.eventId);
    if (!event) {
      // Event rows are never deleted, so this job belongs to another database sharing the prefix.
      this.logger.warn(`review.event: event ${payload.eventId} does not exist; nothing to do`);
      return;
    }
    const claimId = event.claimId;
    if (!claimId) return;
    // An auto-assignment commits its own `claim.assigned`, whose job then sets the timers.
    if (event.type === 'claim.triaged' && this.autoAssigner.enabled) await this.autoAssigner.assign(claimId);
    if (TIMER_EVENTS.has(event.type)) await this.timers.sync(claimId);
  }
}
