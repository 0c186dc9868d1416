import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, jobOptions, QueueName } from '@claimdesk/platform';
import { Mailer } from '../mail/mailer';

/** Every day at 07:00 UTC, in time for the morning desk meeting. */
export const DIGEST_SCHEDULE = { pattern: '0 7 * * *', tz: 'UTC' };
export const DIGEST_SCHEDULER_ID = 'notifications-digest';

/**
 * Registers the daily digest as a BullMQ job scheduler when mail is configured. Upserting is
 * idempotent, so every worker may do it at start; BullMQ still runs each day's digest once.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(DigestScheduler.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.mailer.configured) return;
    // The scheduler names its own job ids, so the registry's dedupe id is left out.
    const { jobId: _jobId, ...opts } = jobOptions('notifications.digest', {});
    try {
      await this.jobs
        .queue(QueueName.Notifications)
        .upsertJobScheduler(DIGEST_SCHEDULER_ID, DIGEST_SCHEDULE, {
          name: 'notifications.digest',
          data: {},
          opts,
        });
    } catch (error) {
      // Immediate mail and in-app delivery do not depend on it; the next start tries again.
      this.logger.error(`could not schedule the daily digest: ${(error as Error).message}`);
    }
  }
}
