import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, REDIS } from '@claimdesk/platform';
import Redis from 'ioredis';
import { NotificationRow, toNotificationView } from '../dto/notification.view';
import { LiveMessage, liveChannel } from './live-channel';

/** Announces new notifications to every API replica's streams. */
@Injectable()
export class NotificationPublisher {
  private readonly logger = new Logger(NotificationPublisher.name);

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * Best effort: the row is the delivery, the live message only saves a refresh. A client that
   * misses it (Redis down, not connected) gets it from Last-Event-ID replay or the list, so a
   * failed publish is logged rather than failing (and retrying) the job that stored the rows.
   */
  async publish(rows: readonly NotificationRow[]): Promise<void> {
    const channel = liveChannel(this.config);
    for (const row of rows) {
      const message: LiveMessage = {
        userId: row.recipient_id,
        seq: row.seq,
        notification: toNotificationView(row),
      };
      try {
        await this.redis.publish(channel, JSON.stringify(message));
      } catch (error) {
        this.logger.warn(`could not publish notification ${row.id}: ${(error as Error).message}`);
      }
    }
  }
}
