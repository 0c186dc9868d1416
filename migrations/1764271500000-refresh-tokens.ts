import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens: one row per token ever issued, stored as the SHA-256 of the token. A sign-in
 * starts a family; each refresh marks its token used, links it to the next one (`replaced_by`) and
 * issues that next one in the same family. Presenting a used token again is a reuse: the whole
 * family is revoked. `csrf_hash` binds a browser session's CSRF token to the family's current
 * token, so a CSRF cookie planted by a sibling subdomain does not pass.
 */
export class RefreshTokens1764271500000 implements MigrationInterface {
  name = 'RefreshTokens1764271500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        csrf_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        replaced_by uuid REFERENCES refresh_tokens (id) ON DELETE SET NULL,
        revoked_at timestamptz,
        CHECK (expires_at > created_at)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash)`,
    );
    await queryRunner.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    // Revoking a user's sessions (password change, disabling) touches only their live tokens.
    await queryRunner.query(
      `CREATE INDEX refresh_tokens_live_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE refresh_tokens`);
  }
}
