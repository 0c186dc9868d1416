import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobQueue, JobRequest, PeriodicTask, TransactionService } from '@claimdesk/platform';
import { jobsForEvent } from './outbox-subscribers';

const PAGE_SIZE = 500;
/** One sweeper at a time across worker processes; the others skip that round. */
const SWEEP_LOCK = 'claimdesk:outbox-sweep';

interface OpenEvent {
  id: string;
  type: string;
  handled: string[];
}

/**
 * The relay marks an event dispatched once its jobs are in Redis, but Redis may lose them (restarted
 * without its data, a failover to an empty replica). Every outbox consumer records a receipt when
 * its job succeeds (see JobWorkers), so this sweep finds relayed events older than
 * OUTBOX_SWEEP_AFTER_MS that a subscriber has not recorded and enqueues that subscriber's job again.
 *
 * Re-enqueueing uses the relay's job ids. When Redis still holds the job (waiting behind a backlog,
 * retrying, or failed for good and kept for inspection) BullMQ stores nothing new; when Redis lost
 * it, the id is free again and the job runs. Completed jobs never come back here: their receipt is
 * written before BullMQ marks them completed. An event every subscriber has recorded is marked
 * settled and not looked at again.
 */
@Injectable()
export class OutboxSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly task: PeriodicTask;

  /** This process's sweeps; `requeued` counts jobs asked for, those BullMQ still held included. */
  readonly stats = { sweeps: 0, requeued: 0, settled: 0 };

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly jobs: JobQueue,
  ) {
    this.task = new PeriodicTask(new Logger(OutboxSweep.name), 'outbox sweep', config.sweepIntervalMs, () =>
      this.sweep(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One sweep over every open event old enough; returns how many jobs it asked for and events it settled. */
  async sweep(): Promise<{ requeued: number; settled: number }> {
    const result = await this.transactions.run(async (manager) => {
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
        [SWEEP_LOCK],
      );
      let requeued = 0;
      let settled = 0;
      if (!locked) return { requeued, settled };
      for (let after = '0'; ;) {
        const open: OpenEvent[] = await manager.query(
          `SELECT e.id::text AS id, e.type,
                  coalesce(array_agg(r.consumer) FILTER (WHERE r.consumer IS NOT NULL), '{}') AS handled
             FROM events e LEFT JOIN outbox_receipts r ON r.event_id = e.id
            WHERE e.settled_at IS NULL AND e.dispatched_at IS NOT NULL
              AND e.dispatched_at < now() - $1 * interval '1 millisecond' AND e.id > $2::bigint
            GROUP BY e.id
            ORDER BY e.id
            LIMIT $3`,
          [this.config.OUTBOX_SWEEP_AFTER_MS, after, PAGE_SIZE],
        );
        if (!open.length) break;
        after = open[open.length - 1].id;
        const requests: JobRequest[] = [];
        const done: string[] = [];
        for (const event of open) {
          const missing = jobsForEvent(event.type).filter((job) => !event.handled.includes(job));
          if (!missing.length) done.push(event.id);
          for (const name of missing) requests.push({ name, payload: { eventId: event.id } });
        }
        if (requests.length) await this.jobs.addBulk(requests);
        if (done.length) {
          await manager.query(`UPDATE events SET settled_at = now() WHERE id = ANY($1::bigint[])`, [done]);
        }
        requeued += requests.length;
        settled += done.length;
        if (open.length < PAGE_SIZE) break;
      }
      return { requeued, settled };
    });
    this.stats.sweeps += 1;
    this.stats.requeued += result.requeued;
    this.stats.settled += result.settled;
    return result;
  }
}
