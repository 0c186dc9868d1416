import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobQueue, jobId, PeriodicTask, QueueName, TransactionService } from '@claimdesk/platform';
import { TIMED_STATUSES } from '@claimdesk/workflow';
import { ReviewTimers } from './review-timers.service';

const BATCH = 500;

/**
 * Due-date timers are delayed jobs, so a Redis that comes back empty has forgotten them. This sweep
 * looks for claims whose overdue timer should be waiting (an open assignment with a due date in a
 * timed status, no `claim.overdue` written for it yet) but whose job Redis does not hold, and sets
 * their timers again with ReviewTimers.sync (same job ids; a due date already past fires at once).
 */
@Injectable()
export class ReviewTimerRecovery implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReviewTimerRecovery.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly jobs: JobQueue,
    private readonly timers: ReviewTimers,
  ) {
    this.task = new PeriodicTask(this.logger, 'review timer recovery', config.sweepIntervalMs, () =>
      this.recover(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Sets the timers of claims whose overdue job is missing; returns how many claims. */
  async recover(): Promise<number> {
    const rows: { claim_id: string; assignment_id: string; due_at: string }[] =
      await this.transactions.manager.query(
        `WITH timed AS (
           SELECT c.id AS claim_id, a.id AS assignment_id,
                  to_char(date_trunc('milliseconds', c.due_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS due_at
             FROM claims c
             JOIN assignments a ON a.claim_id = c.id AND a.ended_at IS NULL
            WHERE c.due_at IS NOT NULL AND c.status = ANY($1::text[])
              AND c.updated_at < now() - $2 * interval '1 millisecond'
         )
         SELECT t.* FROM timed t
          WHERE NOT EXISTS (
            SELECT 1 FROM events e
             WHERE e.claim_id = t.claim_id AND e.type = 'claim.overdue'
               AND e.payload->>'assignmentId' = t.assignment_id::text AND e.payload->>'dueAt' = t.due_at)
          ORDER BY t.due_at
          LIMIT $3`,
        [TIMED_STATUSES, this.config.OUTBOX_SWEEP_AFTER_MS, BATCH],
      );
    if (!rows.length) return 0;
    const queue = this.jobs.queue(QueueName.Review);
    const states = await Promise.all(
      rows.map((row) =>
        queue.getJobState(
          jobId('review.overdue', {
            claimId: row.claim_id,
            assignmentId: row.assignment_id,
            dueAt: row.due_at,
          }),
        ),
      ),
    );
    const missing = rows.filter((_, index) => states[index] === 'unknown');
    for (const row of missing) await this.timers.sync(row.claim_id);
    if (missing.length) this.logger.warn(`set the lost due-date timers of ${missing.length} claims again`);
    return missing.length;
  }
}
