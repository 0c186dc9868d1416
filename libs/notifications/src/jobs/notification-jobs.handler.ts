import { Injectable } from '@nestjs/common';
import { DigestJobPayload, EmailJobPayload, EventJobPayload, OnJob } from '@claimdesk/platform';
import { NotificationDelivery } from './notification-delivery.service';

/** The notification jobs; the work itself is NotificationDelivery's. */
@Injectable()
export class NotificationJobsHandler {
  constructor(private readonly delivery: NotificationDelivery) {}

  @OnJob('notifications.event')
  async event(payload: EventJobPayload): Promise<{ created: number }> {
    return { created: (await this.delivery.notifyForEvent(payload.eventId)).length };
  }

  @OnJob('notifications.email')
  async email(payload: EmailJobPayload): Promise<{ outcome: string }> {
    return { outcome: await this.delivery.sendEmail(payload.notificationId) };
  }

  @OnJob('notifications.digest')
  async digest(_payload: DigestJobPayload): Promise<{ mails: number; notifications: number }> {
    return this.delivery.sendDigests();
  }
}
