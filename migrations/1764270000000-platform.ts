import { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions, the events outbox with its wake-up notification, and stored idempotent responses. */
export class Platform1764270000000 implements MigrationInterface {
  name = 'Platform1764270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE (it reads a dictionary chosen at run time); naming the dictionary
    // makes it safe to mark IMMUTABLE, which generated columns and expression indexes require.
    await queryRunner.query(`
      CREATE FUNCTION claimdesk_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);

    await queryRunner.query(`
      CREATE TABLE events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        type text NOT NULL,
        claim_id uuid,
        actor_kind text CHECK (actor_kind IN ('user', 'api_key')),
        actor_id uuid,
        actor_name text,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX events_claim_idx ON events (claim_id, id)`);
    await queryRunner.query(
      `CREATE INDEX events_undispatched_idx ON events (id) WHERE dispatched_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('claimdesk_events', NEW.id::text);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_notify()`,
    );

    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status_code int,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP TABLE events`);
    await queryRunner.query(`DROP FUNCTION events_notify`);
    await queryRunner.query(`DROP FUNCTION claimdesk_fold`);
  }
}
