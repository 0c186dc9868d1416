import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review workflow's records: assignments (who worked a claim and when), reviews (each submitted
 * verdict and what became of it, so corrections never overwrite a published review), notes, and the
 * partial indexes that serve the review queue.
 */
export class Review1764270300000 implements MigrationInterface {
  name = 'Review1764270300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE claims ADD CONSTRAINT claims_assignee_fk FOREIGN KEY (assignee_id) REFERENCES users (id)`,
    );
    // The queue orders by urgency; a generated rank lets one btree serve that order.
    await queryRunner.query(`
      ALTER TABLE claims ADD COLUMN priority_rank smallint GENERATED ALWAYS AS (
        CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END
      ) STORED`);
    // Partial indexes: only open work is ever queued, and it is a small slice of all claims.
    await queryRunner.query(`
      CREATE INDEX claims_queue_unassigned_idx ON claims (priority_rank, due_at NULLS LAST, created_at, id)
      WHERE status = 'triaged' AND assignee_id IS NULL`);
    await queryRunner.query(`
      CREATE INDEX claims_queue_assigned_idx ON claims (assignee_id, priority_rank, due_at NULLS LAST, created_at, id)
      WHERE status IN ('assigned', 'in_review', 'in_approval')`);
    await queryRunner.query(`
      CREATE INDEX claims_queue_due_idx ON claims (due_at, id)
      WHERE due_at IS NOT NULL AND status IN ('triaged', 'assigned', 'in_review', 'in_approval')`);

    await queryRunner.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        assignee_id uuid NOT NULL REFERENCES users (id),
        assigned_by_kind text CHECK (assigned_by_kind IN ('user', 'api_key', 'system')),
        assigned_by_id uuid,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN ('reassigned', 'submitted', 'dismissed'))
      )`);
    // At most one open assignment per claim; the workload view reads open ones per assignee.
    await queryRunner.query(
      `CREATE UNIQUE INDEX assignments_open_claim_key ON assignments (claim_id) WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX assignments_open_assignee_idx ON assignments (assignee_id) WHERE ended_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX assignments_claim_idx ON assignments (claim_id, assigned_at)`);

    await queryRunner.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        round int NOT NULL,
        verdict text NOT NULL
          CHECK (verdict IN ('true', 'mostly_true', 'mixed', 'misleading', 'mostly_false', 'false', 'unproven')),
        summary text NOT NULL,
        evidence_status text NOT NULL
          CHECK (evidence_status IN ('unverified', 'unsubstantiated', 'disputed', 'corroborated', 'debunked')),
        submitted_by uuid NOT NULL REFERENCES users (id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'sent_back', 'published')),
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        decision_comment text,
        published_at timestamptz,
        -- set when this published review corrects an earlier published one (after a reopen)
        corrects_review_id uuid REFERENCES reviews (id),
        UNIQUE (claim_id, round)
      )`);
    await queryRunner.query(
      `CREATE INDEX reviews_published_idx ON reviews (published_at DESC, id DESC) WHERE outcome = 'published'`,
    );

    await queryRunner.query(`
      CREATE TABLE notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        mentions uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX notes_claim_idx ON notes (claim_id, created_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notes`);
    await queryRunner.query(`DROP TABLE reviews`);
    await queryRunner.query(`DROP TABLE assignments`);
    await queryRunner.query(`DROP INDEX claims_queue_due_idx`);
    await queryRunner.query(`DROP INDEX claims_queue_assigned_idx`);
    await queryRunner.query(`DROP INDEX claims_queue_unassigned_idx`);
    await queryRunner.query(`ALTER TABLE claims DROP COLUMN priority_rank`);
    await queryRunner.query(`ALTER TABLE claims DROP CONSTRAINT claims_assignee_fk`);
  }
}
