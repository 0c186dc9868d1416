import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Newsroom webhooks: endpoints, one message per (event, endpoint) with its signed body fixed at
 * fan-out, every delivery attempt, and the record of which events have been fanned out (so a
 * fan-out can catch up on earlier events of the same claim and keep per-claim order).
 * event_id has no foreign key to events: the outbox may be truncated (tests do) without touching this.
 */
export class Webhooks1764270600000 implements MigrationInterface {
  name = 'Webhooks1764270600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The raw secret is stored because signing needs it (a hash would not do). Encrypting it at
    // rest with a key-encryption key is a planned follow-up.
    await queryRunner.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_kind text NOT NULL CHECK (owner_kind IN ('user', 'api_key')),
        owner_id uuid NOT NULL,
        url text NOT NULL CHECK (length(url) <= 2048),
        description text CHECK (length(description) <= 500),
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        tags text[] NOT NULL DEFAULT '{}',
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        active boolean NOT NULL DEFAULT true,
        disabled_at timestamptz,
        disabled_reason text,
        failing_since timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX webhooks_owner_idx ON webhooks (owner_kind, owner_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(`CREATE INDEX webhooks_created_idx ON webhooks (created_at DESC, id DESC)`);
    // Fan-out scans active endpoints by event type.
    await queryRunner.query(
      `CREATE INDEX webhooks_active_events_idx ON webhooks USING gin (events) WHERE active`,
    );

    await queryRunner.query(`
      CREATE TABLE webhook_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        msg_id text NOT NULL UNIQUE,
        endpoint_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        event_id bigint,
        claim_id uuid,
        event_type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        dispatch_seq int NOT NULL DEFAULT 0,
        dispatched_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (event_id, endpoint_id)
      )`);
    // The dispatcher's question: per endpoint and claim, the oldest message still pending.
    await queryRunner.query(`
      CREATE INDEX webhook_messages_pending_idx
        ON webhook_messages (endpoint_id, (coalesce(claim_id::text, id::text)), event_id NULLS LAST, created_at, id)
        WHERE status = 'pending'`);
    await queryRunner.query(
      `CREATE INDEX webhook_messages_due_idx ON webhook_messages (next_attempt_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_messages_endpoint_idx ON webhook_messages (endpoint_id, created_at DESC, id DESC)`,
    );

    await queryRunner.query(`
      CREATE TABLE webhook_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
        attempt int NOT NULL,
        started_at timestamptz NOT NULL,
        status_code int,
        duration_ms int NOT NULL,
        response_snippet text CHECK (length(response_snippet) <= 1024),
        error text,
        next_retry_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_attempts_message_idx ON webhook_attempts (message_id, started_at, id)`,
    );

    await queryRunner.query(`
      CREATE TABLE webhook_fanouts (
        event_id bigint PRIMARY KEY,
        claim_id uuid,
        fanned_out_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_fanouts`);
    await queryRunner.query(`DROP TABLE webhook_attempts`);
    await queryRunner.query(`DROP TABLE webhook_messages`);
    await queryRunner.query(`DROP TABLE webhooks`);
  }
}
