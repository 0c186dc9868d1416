import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users (desk staff) and newsroom API keys. */
export class Auth1764270200000 implements MigrationInterface {
  name = 'Auth1764270200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) <= 254),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        handle text NOT NULL CHECK (handle ~ '^[a-z0-9_]{2,32}$'),
        password_hash text NOT NULL,
        roles text[] NOT NULL
          CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['admin', 'editor', 'fact_checker']::text[]),
        expertise text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        notification_preferences jsonb NOT NULL DEFAULT '{}'::jsonb,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Uniqueness is case-insensitive: "Ana@Desk.org" and "ana@desk.org" are one person.
    await queryRunner.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_handle_key ON users (handle)`);
    await queryRunner.query(`CREATE INDEX users_roles_idx ON users USING gin (roles)`);

    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('newsroom')),
        prefix text NOT NULL,
        key_hash text NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash)`);
    await queryRunner.query(`CREATE INDEX api_keys_created_idx ON api_keys (created_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
