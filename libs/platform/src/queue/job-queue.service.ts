import type { Job, Queue } from 'bullmq';
import { JOB_DEFINITIONS, jobOptions, JobName, JobPayloads, QueueName } from './job-registry';

export type JobRequest = { [N in JobName]: { name: N; payload: JobPayloads[N] } }[JobName];

/**
 * The one way to enqueue work: the job name decides the queue, the payload type and every option
 * (including the dedupe id), so call sites cannot disagree with the registry.
 * Built by QueueModule's factory from the registered queues.
 */
export class JobQueue {
  constructor(private readonly queues: ReadonlyMap<QueueName, Queue>) {}

  /** Enqueues one job; with `runAt` it waits until then (see jobOptions). */
  add<N extends JobName>(name: N, payload: JobPayloads[N], runAt?: Date): Promise<Job> {
    return this.queueFor(name).add(name, payload, jobOptions(name, payload, runAt));
  }

  /** Enqueues many jobs with one round trip per queue; jobs whose id already exists are skipped by BullMQ. */
  async addBulk(requests: readonly JobRequest[]): Promise<void> {
    const byQueue = new Map<
      QueueName,
      { name: string; data: unknown; opts: ReturnType<typeof jobOptions> }[]
    >();
    for (const request of requests) {
      const queue = JOB_DEFINITIONS[request.name].queue;
      const batch = byQueue.get(queue) ?? [];
      batch.push({
        name: request.name,
        data: request.payload,
        opts: jobOptions(request.name, request.payload),
      });
      byQueue.set(queue, batch);
    }
    await Promise.all([...byQueue].map(([queue, jobs]) => this.queue(queue).addBulk(jobs)));
  }

  /** The BullMQ queue itself, for inspection (tests, dashboards, metrics). */
  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Queue "${name}" is not registered`);
    return queue;
  }

  private queueFor(name: JobName): Queue {
    return this.queue(JOB_DEFINITIONS[name].queue);
  }
}
