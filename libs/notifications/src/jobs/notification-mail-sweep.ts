import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobQueue, PeriodicTask, TransactionService } from '@claimdesk/platform';

const BATCH = 500;
/** Mail older than this is not worth sending any more; such rows stay `queued` for an operator to see. */
const MAIL_WINDOW = `interval '1 day'`;

/**
 * A notification is stored with `email_state = 'queued'` before its `notifications.email` job is
 * enqueued; if Redis then loses the job (restarted empty), nothing would ever send it. This sweep
 * enqueues the job again for mail still queued after OUTBOX_SWEEP_AFTER_MS. The job id is the
 * notification's, so a job Redis still holds (waiting, retrying, failed for good) is not added twice,
 * and sendEmail itself sends only while the row is still `queued`.
 */
@Injectable()
export class NotificationMailSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly jobs: JobQueue,
  ) {
    this.task = new PeriodicTask(
      new Logger(NotificationMailSweep.name),
      'the queued-mail sweep',
      config.sweepIntervalMs,
      () => this.sweep(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Enqueues the mail jobs of notifications still queued; returns how many it asked for. */
  async sweep(): Promise<number> {
    const rows: { id: string }[] = await this.transactions.manager.query(
      `SELECT id FROM notifications
        WHERE email_state = 'queued' AND created_at > now() - ${MAIL_WINDOW}
          AND created_at < now() - $1 * interval '1 millisecond'
        ORDER BY created_at DESC
        LIMIT $2`,
      [this.config.OUTBOX_SWEEP_AFTER_MS, BATCH],
    );
    if (rows.length) {
      await this.jobs.addBulk(
        rows.map((row) => ({ name: 'notifications.email' as const, payload: { notificationId: row.id } })),
      );
    }
    return rows.length;
  }
}
