import { Injectable, Logger } from '@nestjs/common';
import { EventsService } from '@claimdesk/events';
import { EventJobPayload, OnJob } from '@claimdesk/platform';
import { AutoAssigner } from '../auto-assign/auto-assigner.service';
import { ReviewTimers } from '../timers/review-timers.service';
import { movesTimers } from './review-events';

/** Review's view of the claim events it acts on (`reviewActsOn`): auto-assignment and due-date timers. */
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
    if (movesTimers(event)) await this.timers.sync(claimId);
  }
}
