import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Job counts per queue, then per state; read from Redis when Prometheus scrapes. */
export type QueueDepth = ReadonlyMap<string, Readonly<Record<string, number>>>;

/**
 * One Prometheus registry per process. Metric objects are created here so every feature records
 * into the same names and labels. When the API and the worker share a process (`npm start`,
 * `start:demo`) they share the registry, so the API's /metrics also shows job durations.
 */
export class Metrics {
  private static current?: Metrics;

  static forProcess(): Metrics {
    Metrics.current ??= new Metrics();
    return Metrics.current;
  }

  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'claimdesk_http_request_duration_seconds',
    help: 'HTTP request latency by route template and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'claimdesk_job_duration_seconds',
    help: 'Background job run time by job name and outcome',
    labelNames: ['job', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'claimdesk_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private queueDepthSource?: () => Promise<QueueDepth | undefined>;

  readonly queueJobs = new Gauge({
    name: 'claimdesk_queue_jobs',
    help: 'Jobs per queue and state (waiting includes prioritized)',
    labelNames: ['queue', 'state'],
    registers: [this.registry],
    collect: async () => {
      const depth = await this.queueDepthSource?.();
      for (const [queue, byState] of depth ?? []) {
        for (const [state, count] of Object.entries(byState)) this.queueJobs.set({ queue, state }, count);
      }
    },
  });

  /** Where the queue gauge reads from; the process that serves /metrics sets it. */
  readQueueDepthFrom(source: () => Promise<QueueDepth | undefined>): void {
    this.queueDepthSource = source;
  }

  private constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'claimdesk_' });
  }
}
