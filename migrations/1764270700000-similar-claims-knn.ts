import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Similar claims are a top-k question ("the five closest"), which a GiST trigram index answers by
 * walking nearest-first with `<->` and stopping after k rows; the GIN index could only find every
 * claim above the threshold and let PostgreSQL score and sort all of them.
 */
export class SimilarClaimsKnn1764270700000 implements MigrationInterface {
  name = 'SimilarClaimsKnn1764270700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX claims_text_trgm_gist_idx ON claims USING gist (claimdesk_fold(text) gist_trgm_ops)`,
    );
    await queryRunner.query(`DROP INDEX claims_text_trgm_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX claims_text_trgm_idx ON claims USING gin (claimdesk_fold(text) gin_trgm_ops)`,
    );
    await queryRunner.query(`DROP INDEX claims_text_trgm_gist_idx`);
  }
}
