import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each consumer of the outbox has handled, so a sweep can re-enqueue what a consumer never
 * saw (Redis restarted empty, a job lost with its worker). `events.settled_at` marks an event every
 * subscriber has recorded; the partial index keeps the sweep's scan to the events still open.
 *
 * Events relayed before this migration have no receipts and count as settled: nobody can tell now
 * whether their jobs ran, and re-running a year of history is not a recovery.
 */
export class OutboxReceipts1764271600000 implements MigrationInterface {
  name = 'OutboxReceipts1764271600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_receipts (
        event_id bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        consumer text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, consumer)
      )`);
    await queryRunner.query(`ALTER TABLE events ADD COLUMN settled_at timestamptz`);
    await queryRunner.query(
      `UPDATE events SET settled_at = dispatched_at WHERE dispatched_at IS NOT NULL AND settled_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX events_unsettled_idx ON events (id) WHERE settled_at IS NULL AND dispatched_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX events_unsettled_idx`);
    await queryRunner.query(`ALTER TABLE events DROP COLUMN settled_at`);
    await queryRunner.query(`DROP TABLE outbox_receipts`);
  }
}
