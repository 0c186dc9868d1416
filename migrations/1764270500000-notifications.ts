import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications for desk staff: one row per (event, recipient, type), so a relayed event that is
 * retried or replayed creates each notification once. `seq` orders a user's notifications and is
 * the Server-Sent Events id a reconnecting client sends back in `Last-Event-ID`.
 */
export class Notifications1764270500000 implements MigrationInterface {
  name = 'Notifications1764270500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        recipient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN (
          'claim.assigned', 'claim.due_soon', 'claim.overdue', 'claim.sent_back',
          'claim.published', 'note.mention', 'claim.evidence_added')),
        event_id bigint NOT NULL REFERENCES events (id),
        claim_id uuid REFERENCES claims (id) ON DELETE CASCADE,
        actor_kind text CHECK (actor_kind IN ('user', 'api_key')),
        actor_id uuid,
        actor_name text,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        -- none: not mailed; queued: an immediate mail job is due; digest: waits for the daily digest;
        -- sent: mailed; skipped: the recipient turned mail off or muted the type before it went out.
        email_state text NOT NULL DEFAULT 'none'
          CHECK (email_state IN ('none', 'queued', 'digest', 'sent', 'skipped')),
        emailed_at timestamptz,
        CONSTRAINT notifications_event_recipient_type_key UNIQUE (event_id, recipient_id, type)
      )`);
    // The list (newest first) and Last-Event-ID replay (after a seq) both walk one user's rows by seq.
    await queryRunner.query(`CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, seq)`);
    // Unread counts and ?unread=true touch only the unread slice, which stays small.
    await queryRunner.query(
      `CREATE INDEX notifications_unread_idx ON notifications (recipient_id, seq) WHERE read_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_digest_idx ON notifications (recipient_id, seq) WHERE email_state = 'digest'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notifications`);
  }
}
