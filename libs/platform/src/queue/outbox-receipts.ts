import type { EntityManager } from 'typeorm';
import type { EventJobName } from './job-registry';

/**
 * Records that `consumer` has handled the event, once. Written by the worker as the last step of
 * a successful outbox job, so a receipt means the consumer's effect has committed; the outbox
 * sweep re-enqueues events that lack one. An event id that names no event (a job of another
 * database sharing the queue prefix) records nothing instead of failing the job.
 */
export async function recordOutboxReceipt(
  manager: EntityManager,
  eventId: string,
  consumer: EventJobName,
): Promise<void> {
  await manager.query(
    `INSERT INTO outbox_receipts (event_id, consumer)
     SELECT id, $2 FROM events WHERE id = $1::bigint
     ON CONFLICT DO NOTHING`,
    [eventId, consumer],
  );
}
