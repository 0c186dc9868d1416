import type { JobsOptions } from 'bullmq';

/** One BullMQ queue per kind of work, so a backlog of one kind never starves another. */
export const QueueName = {
  Review: 'review',
  Notifications: 'notifications',
  /** Webhook fan-out: events into messages. */
  Webhooks: 'webhooks',
  /** Webhook delivery batches, apart from the fan-out so neither waits behind the other's backlog. */
  WebhookDeliveries: 'webhook-deliveries',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
export const QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);

/** Jobs fanned out by the outbox relay carry the event id only; the handler reads the row. */
export interface EventJobPayload {
  eventId: string;
}

/** Whether a job's event id can name an event (a bigint), before it goes into a statement shared with others. */
export function isEventId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value);
}

/** Mails one stored notification. */
export interface EmailJobPayload {
  notificationId: string;
}

/** The daily digest, run by a BullMQ job scheduler: it mails whatever is waiting when it runs. */
export type DigestJobPayload = Record<never, never>;

/**
 * One attempt at each message of a dispatch batch; `batch` is the batch's number, the ticket its
 * messages carry while it is their latest dispatch (see webhooks' dispatcher).
 */
export interface WebhookDeliverPayload {
  batch: string;
  deliveryIds: string[];
}

/**
 * A due-date timer of one assignment (review.due_soon / review.overdue). `dueAt` is the due date
 * it was set for: the handler compares it with the claim's current one, so a rescheduled date
 * leaves the old timer with nothing to do.
 */
export interface ReviewTimerPayload {
  claimId: string;
  assignmentId: string;
  dueAt: string;
}

/**
 * Every job name and the payload its handler receives. Payloads carry ids only: the truth is a
 * row in PostgreSQL, so a retried job reads the current state instead of a stale copy.
 *
 * Adding a name here is a promise that some handler takes it: the worker refuses to start until
 * exactly one `@OnJob(name)` method exists (see job-handlers.ts), so a name arrives with its handler.
 */
export interface JobPayloads {
  'review.event': EventJobPayload;
  'review.due_soon': ReviewTimerPayload;
  'review.overdue': ReviewTimerPayload;
  'notifications.event': EventJobPayload;
  'notifications.email': EmailJobPayload;
  'notifications.digest': DigestJobPayload;
  'webhooks.event': EventJobPayload;
  'webhooks.deliver': WebhookDeliverPayload;
}

export type JobName = keyof JobPayloads;

/** The job names whose payload is an event id: the ones the outbox relay may enqueue. */
export type EventJobName = { [N in JobName]: JobPayloads[N] extends EventJobPayload ? N : never }[JobName];

interface JobDefinition<N extends JobName> {
  queue: QueueName;
  /** What makes two jobs of this name the same job; becomes the BullMQ job id. */
  key: (payload: JobPayloads[N]) => string;
  attempts: number;
  /** First retry delay; each later one doubles it. */
  backoffMs: number;
  /**
   * `false`: drop the job as soon as it completes instead of keeping it (and its id) for a day.
   * For timers, whose dedupe is a row in PostgreSQL: setting the same timer again after it ran
   * (a claim sent back into review) must schedule it again, not be swallowed by the old id.
   */
  keepCompleted?: false;
  /**
   * An outbox consumer: the relay enqueues it per event, and when its handler succeeds the worker
   * records a receipt (outbox_receipts), which the outbox sweep checks before re-enqueueing.
   */
  fromOutbox?: true;
}

const eventKey = (payload: EventJobPayload) => payload.eventId;
// One timer per assignment and due date: a replay stores nothing twice, a new date gets its own.
const timerKey = (payload: ReviewTimerPayload) => {
  const due = Date.parse(payload.dueAt);
  if (!Number.isFinite(due))
    throw new Error(`Review timer due date is not a date: ${JSON.stringify(payload.dueAt)}`);
  return `${payload.assignmentId}.${due}`;
};

/** The mapped type makes the compiler insist on a definition for every job name. */
export const JOB_DEFINITIONS: { readonly [N in JobName]: JobDefinition<N> } = {
  'review.event': {
    queue: QueueName.Review,
    key: eventKey,
    attempts: 8,
    backoffMs: 1000,
    fromOutbox: true,
  },
  'review.due_soon': {
    queue: QueueName.Review,
    key: timerKey,
    attempts: 8,
    backoffMs: 1000,
    keepCompleted: false,
  },
  'review.overdue': {
    queue: QueueName.Review,
    key: timerKey,
    attempts: 8,
    backoffMs: 1000,
    keepCompleted: false,
  },
  'notifications.event': {
    queue: QueueName.Notifications,
    key: eventKey,
    attempts: 8,
    backoffMs: 1000,
    fromOutbox: true,
  },
  // Mail servers refuse for minutes at a time: ten tries over about four hours.
  'notifications.email': {
    queue: QueueName.Notifications,
    key: (payload) => payload.notificationId,
    attempts: 10,
    backoffMs: 15_000,
  },
  'notifications.digest': {
    queue: QueueName.Notifications,
    key: () => 'daily',
    attempts: 6,
    backoffMs: 60_000,
  },
  'webhooks.event': {
    queue: QueueName.Webhooks,
    key: eventKey,
    attempts: 8,
    backoffMs: 1000,
    fromOutbox: true,
  },
  // Delivery retries are the message's own schedule (in PostgreSQL); these only cover a failing database.
  'webhooks.deliver': {
    queue: QueueName.WebhookDeliveries,
    key: (payload) => `batch.${payload.batch}`,
    attempts: 3,
    backoffMs: 2000,
  },
};

export const JOB_NAMES = Object.keys(JOB_DEFINITIONS) as JobName[];

/** The jobs the outbox relay enqueues, one per event and consumer; each records a receipt when done. */
export const OUTBOX_JOB_NAMES = JOB_NAMES.filter(
  (name) => JOB_DEFINITIONS[name].fromOutbox,
) as EventJobName[];

export function queueOf(name: JobName): QueueName {
  return JOB_DEFINITIONS[name].queue;
}

// BullMQ rejects custom ids that parse as integers and ids containing ':' (it reserves that shape
// for its own repeatable jobs), and the id ends up in Redis keys and Bull Board URLs. So the id is
// `<job name>-<key>` restricted to URL-safe characters; the job name prefix keeps it from ever
// being an integer and keeps ids of different jobs for one event apart.
const SAFE_KEY = /^[A-Za-z0-9_.-]{1,200}$/;

/** The deterministic BullMQ job id: the same job enqueued twice is stored once. */
export function jobId<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  const key = JOB_DEFINITIONS[name].key(payload);
  if (!SAFE_KEY.test(key)) throw new Error(`Unsafe job key for ${name}: ${JSON.stringify(key)}`);
  return `${name}-${key}`;
}

const HOUR_SECONDS = 3600;

/**
 * Every option of every job, decided here rather than at call sites.
 *
 * Dedupe by job id only holds while BullMQ still holds the job, so finished jobs are kept for a
 * day: a replay of the outbox within that window enqueues nothing. Older replays would run the
 * handler again, which is safe because handlers are idempotent (they read rows by id).
 *
 * `runAt` makes a delayed job (a timer); a time already past runs it at once. Retries of a delayed
 * job back off from when it ran, not from when it was scheduled.
 */
export function jobOptions<N extends JobName>(name: N, payload: JobPayloads[N], runAt?: Date): JobsOptions {
  const definition = JOB_DEFINITIONS[name];
  return {
    jobId: jobId(name, payload),
    attempts: definition.attempts,
    backoff: { type: 'exponential', delay: definition.backoffMs },
    removeOnComplete: definition.keepCompleted === false ? true : { age: 24 * HOUR_SECONDS, count: 50_000 },
    removeOnFail: { age: 14 * 24 * HOUR_SECONDS, count: 50_000 },
    ...(runAt ? { delay: Math.max(0, runAt.getTime() - Date.now()) } : {}),
  };
}
