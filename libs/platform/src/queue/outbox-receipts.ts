import { Injectable } from '@nestjs/common';
import { GroupCommit } from '../database/group-commit';
import { preparedQuery } from '../database/prepared-query';
import { TransactionService } from '../database/transaction.service';
import { EventJobName, isEventId } from './job-registry';

/** Receipts written by one statement at most. */
const MAX_RECEIPTS = 1000;

const RECORD_RECEIPTS_SQL = `INSERT INTO outbox_receipts (event_id, consumer)
SELECT e.id, r.consumer
  FROM unnest($1::bigint[], $2::text[]) AS r (event_id, consumer) JOIN events e ON e.id = r.event_id
ON CONFLICT DO NOTHING`;

/**
 * Records that a consumer has handled an event, once. Written by the worker as the last step of a
 * successful outbox job, so a receipt means the consumer's effect has committed; the outbox sweep
 * re-enqueues events that lack one. An event id that names no event (a job of another database
 * sharing the queue prefix) records nothing instead of failing the job.
 *
 * Jobs finish in bursts, so the receipts that arrive while one statement runs are written together
 * by the next (a group commit): one statement per burst instead of one per job. Each job still
 * waits for its own receipt to commit.
 */
@Injectable()
export class OutboxReceipts {
  private readonly receipts = new GroupCommit<Receipt, void>(async (group) => {
    await preparedQuery(this.transactions.manager, 'outbox-receipts', RECORD_RECEIPTS_SQL, [
      group.map((each) => each.eventId),
      group.map((each) => each.consumer),
    ]);
    return group.map(() => undefined);
  }, MAX_RECEIPTS);

  constructor(private readonly transactions: TransactionService) {}

  record(eventId: string, consumer: EventJobName): Promise<void> {
    // Checked here so that one malformed id fails its own job, not the statement of every other.
    if (!isEventId(eventId)) return Promise.reject(new Error(`not an event id: ${JSON.stringify(eventId)}`));
    return this.receipts.add({ eventId, consumer });
  }
}

interface Receipt {
  eventId: string;
  consumer: EventJobName;
}
