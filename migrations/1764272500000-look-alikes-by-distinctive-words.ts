import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Look-alike claims now take their candidates from the full-text index (libs/claims/src/look-alikes.ts),
 * so the GiST trigram index has no reader left: it read itself whole on every create at scale and
 * cost every insert its upkeep (334 MB at a million claims). `claimdesk_tsquery_any` ORs the
 * candidate queries built from lexemes, so no query text is ever assembled and parsed.
 */
export class LookAlikesByDistinctiveWords1764272500000 implements MigrationInterface {
  name = 'LookAlikesByDistinctiveWords1764272500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX claims_text_trgm_gist_idx`);
    await queryRunner.query(
      `CREATE AGGREGATE claimdesk_tsquery_any(tsquery) (SFUNC = tsquery_or, STYPE = tsquery, PARALLEL = SAFE)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP AGGREGATE claimdesk_tsquery_any(tsquery)`);
    await queryRunner.query(
      `CREATE INDEX claims_text_trgm_gist_idx ON claims USING gist (claimdesk_fold(text) gist_trgm_ops)`,
    );
  }
}
