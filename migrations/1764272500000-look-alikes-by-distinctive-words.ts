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
    // Every create now reads the full-text index. With fastupdate, new entries wait in a pending
    // list that each search reads whole (up to gin_pending_list_limit, 4 MB: 500 buffers) until
    // a vacuum merges them; without it an insert files its lexemes at once, and a read stays small.
    await queryRunner.query(`ALTER INDEX claims_search_idx SET (fastupdate = off)`);
    await queryRunner.query(`SELECT gin_clean_pending_list('claims_search_idx')`);
    await queryRunner.query(
      `CREATE AGGREGATE claimdesk_tsquery_any(tsquery) (SFUNC = tsquery_or, STYPE = tsquery, PARALLEL = SAFE)`,
    );
    // The query is only known at run time, so the planner guesses how many claims match it; on a
    // table of a few thousand claims it then prefers a sequential scan, which for a rare pair reads
    // the whole table. The candidates are few by construction: always through the GIN index.
    await queryRunner.query(`
      CREATE FUNCTION claimdesk_claims_matching(words tsquery, exclude uuid, cap int)
        RETURNS TABLE (id uuid, text text, created_at timestamptz, search tsvector)
        LANGUAGE sql STABLE PARALLEL SAFE
        SET enable_seqscan = off
        AS $$ SELECT c.id, c.text, c.created_at, c.search FROM claims c
               WHERE c.search @@ words AND (exclude IS NULL OR c.id <> exclude) LIMIT cap $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION claimdesk_claims_matching(tsquery, uuid, int)`);
    await queryRunner.query(`DROP AGGREGATE claimdesk_tsquery_any(tsquery)`);
    await queryRunner.query(`ALTER INDEX claims_search_idx RESET (fastupdate)`);
    await queryRunner.query(
      `CREATE INDEX claims_text_trgm_gist_idx ON claims USING gist (claimdesk_fold(text) gist_trgm_ops)`,
    );
  }
}
