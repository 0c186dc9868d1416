import { MigrationInterface, QueryRunner } from 'typeorm';

const CLAIM_TYPES = `'claim.assigned', 'claim.due_soon', 'claim.overdue', 'claim.sent_back',
  'claim.published', 'note.mention', 'claim.evidence_added'`;

/**
 * A disabled webhook is told to its owner (or, for a newsroom key, to the admins) as a
 * `webhook.disabled` notification. It concerns no claim, so its `claim_id` stays null. The CHECK is
 * replaced rather than altered, which PostgreSQL cannot do in place.
 */
export class WebhookDisabledNotifications1764270800000 implements MigrationInterface {
  name = 'WebhookDisabledNotifications1764270800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_type_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
         CHECK (type IN (${CLAIM_TYPES}, 'webhook.disabled'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The narrower check cannot hold these rows; they go rather than block the rollback.
    await queryRunner.query(`DELETE FROM notifications WHERE type = 'webhook.disabled'`);
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_type_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN (${CLAIM_TYPES}))`,
    );
  }
}
