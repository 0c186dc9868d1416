import { MigrationInterface, QueryRunner } from 'typeorm';

const EARLIER_TYPES = `'claim.assigned', 'claim.due_soon', 'claim.overdue', 'claim.sent_back',
  'claim.published', 'note.mention', 'claim.evidence_added', 'webhook.disabled'`;
const REMOVAL_TYPES = `'claim.stance_removed', 'claim.evidence_removed'`;

/**
 * The assignee is told when someone else's stance or evidence is removed from their claim
 * (`claim.stance_removed`, `claim.evidence_removed`). The CHECK is replaced, as PostgreSQL cannot
 * alter one in place.
 */
export class RemovalNotifications1764271200000 implements MigrationInterface {
  name = 'RemovalNotifications1764271200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_type_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
         CHECK (type IN (${EARLIER_TYPES}, ${REMOVAL_TYPES}))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The narrower check cannot hold these rows; they go rather than block the rollback.
    await queryRunner.query(`DELETE FROM notifications WHERE type IN (${REMOVAL_TYPES})`);
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_type_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN (${EARLIER_TYPES}))`,
    );
  }
}
