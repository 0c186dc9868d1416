import { Injectable, Logger } from '@nestjs/common';
import { DomainEvent } from '@claimdesk/events';
import { EventJobPayload, OnJob, TransactionService } from '@claimdesk/platform';

/**
 * Review's view of every claim event. For now it only reads and logs the event; due-date timers
 * and queue bookkeeping hook in here when the review queue lands.
 */
@Injectable()
export class ReviewEventHandler {
  private readonly logger = new Logger(ReviewEventHandler.name);

  constructor(private readonly transactions: TransactionService) {}

  @OnJob('review.event')
  async handle(payload: EventJobPayload): Promise<void> {
    const event = await this.transactions.manager.findOneBy(DomainEvent, { id: payload.eventId });
    if (!event) {
      // Event rows are never deleted, so this job belongs to another database sharing the prefix.
      this.logger.warn(`review.event: event ${payload.eventId} does not exist; nothing to do`);
      return;
    }
    this.logger.debug(`review.event: ${event.type} #${event.id} on claim ${event.claimId ?? '-'}`);
  }
}
