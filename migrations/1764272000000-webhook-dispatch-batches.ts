import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook messages are dispatched in batches, one `webhooks.deliver` job per batch: each dispatch
 * statement numbers its batches from this sequence and stamps the number on the messages it leased.
 * The number is the job's ticket (a message dispatched again belongs to a newer batch, so the older
 * job leaves it alone) and names the job, so lost-job recovery can ask Redis for it.
 */
export class WebhookDispatchBatches1764272000000 implements MigrationInterface {
  name = 'WebhookDispatchBatches1764272000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE webhook_dispatch_batches AS bigint`);
    await queryRunner.query(`ALTER TABLE webhook_messages ADD COLUMN dispatch_batch bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_messages DROP COLUMN dispatch_batch`);
    await queryRunner.query(`DROP SEQUENCE webhook_dispatch_batches`);
  }
}
