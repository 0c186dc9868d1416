import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Article ingestion: the text of each ingested article and the claim candidates found in it.
 * A candidate is unique per source and sentence, so ingesting the same article again proposes
 * nothing twice and keeps the decisions already taken.
 */
export class Ingestion1764271100000 implements MigrationInterface {
  name = 'Ingestion1764271100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE source_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        text text NOT NULL CHECK (length(text) <= 200000),
        language text,
        ingested_by_kind text CHECK (ingested_by_kind IN ('user', 'api_key')),
        ingested_by_id uuid,
        ingested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX source_documents_source_idx ON source_documents (source_id, ingested_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE claim_candidates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES source_documents (id) ON DELETE CASCADE,
        sentence text NOT NULL,
        start_offset int NOT NULL CHECK (start_offset >= 0),
        end_offset int NOT NULL CHECK (end_offset > start_offset),
        text text NOT NULL,
        actors jsonb NOT NULL DEFAULT '[]',
        checkworthiness real NOT NULL CHECK (checkworthiness BETWEEN 0 AND 1),
        features jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
        claim_id uuid REFERENCES claims (id) ON DELETE SET NULL,
        decided_by_kind text CHECK (decided_by_kind IN ('user', 'api_key')),
        decided_by_id uuid,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX claim_candidates_sentence_idx ON claim_candidates (source_id, md5(sentence))`,
    );
    // The source page lists its open candidates, best first.
    await queryRunner.query(
      `CREATE INDEX claim_candidates_open_idx ON claim_candidates (source_id, checkworthiness DESC, start_offset)
        WHERE status = 'open'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE claim_candidates`);
    await queryRunner.query(`DROP TABLE source_documents`);
  }
}
