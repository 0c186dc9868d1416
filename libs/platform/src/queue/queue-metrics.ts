import { Injectable, Logger } from '@nestjs/common';
import { Metrics } from '../metrics/metrics';
import { JobQueue } from './job-queue.service';
import { QUEUE_NAMES } from './job-registry';

/** The job states the depth gauge reports; `prioritized` jobs are waiting too, so they count as waiting. */
export const QUEUE_DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** A scrape must answer even when Redis does not: after this long the gauge keeps its last values. */
const COLLECT_TIMEOUT_MS = 2000;

/**
 * `claimdesk_queue_jobs{queue,state}`: how many jobs each queue holds per state, read from Redis
 * when Prometheus scrapes (so it is as fresh as the scrape and costs nothing in between).
 * Provided by whichever process serves /metrics (the API); it only reads the queues.
 */
@Injectable()
export class QueueMetrics {
  private readonly logger = new Logger(QueueMetrics.name);

  constructor(metrics: Metrics, jobs: JobQueue) {
    metrics.readQueueDepthFrom(() => this.readCounts(jobs));
  }

  private async readCounts(
    jobs: JobQueue,
  ): Promise<Map<string, Record<(typeof QUEUE_DEPTH_STATES)[number], number>> | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), COLLECT_TIMEOUT_MS);
    });
    const read = Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const counts = await jobs.queue(name).getJobCounts(...QUEUE_DEPTH_STATES, 'prioritized');
        const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
        return [
          name,
          { waiting, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 },
        ] as const;
      }),
    ).then((entries) => new Map<string, Record<(typeof QUEUE_DEPTH_STATES)[number], number>>(entries));
    try {
      const result = await Promise.race([read, timeout]);
      if (!result)
        this.logger.warn(`queue depth not read within ${COLLECT_TIMEOUT_MS} ms; reporting the last values`);
      return result;
    } catch (error) {
      this.logger.warn(`queue depth not read: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
      // A read that lost the race may still fail later; nobody awaits it then.
      read.catch(() => undefined);
    }
  }
}
