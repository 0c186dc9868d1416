import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `users.token_version` goes into every access and stream token as `ver`; a password change bumps
 * it, so tokens issued before the change stop working at once instead of living out their 15
 * minutes. Existing rows start at 0, which is also what a token without `ver` counts as, so tokens
 * issued before this migration keep working until the next password change.
 *
 * Account audit events (users, API keys) concern no claim; the partial index serves
 * `GET /v1/audit-events` (newest first, optionally by type) without walking the claim events.
 */
export class UserTokenVersion1764271000000 implements MigrationInterface {
  name = 'UserTokenVersion1764271000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN token_version int NOT NULL DEFAULT 0 CHECK (token_version >= 0)`,
    );
    await queryRunner.query(`CREATE INDEX events_unclaimed_idx ON events (id) WHERE claim_id IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX events_unclaimed_idx`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
