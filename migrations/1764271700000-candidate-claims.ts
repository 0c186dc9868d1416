import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidates are claims, not sentences: each keeps the sentences that mention it, and two claims
 * may start in the same sentence, so a candidate is unique per source, first sentence and claim text.
 * The new key contains the old one, so rows already stored satisfy it.
 */
export class CandidateClaims1764271700000 implements MigrationInterface {
  name = 'CandidateClaims1764271700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE claim_candidates ADD COLUMN mentions jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`DROP INDEX claim_candidates_sentence_idx`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX claim_candidates_claim_idx ON claim_candidates (source_id, md5(sentence), md5(text))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX claim_candidates_claim_idx`);
    await queryRunner.query(
      `DELETE FROM claim_candidates c USING claim_candidates d
        WHERE c.source_id = d.source_id AND c.sentence = d.sentence AND c.id > d.id`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX claim_candidates_sentence_idx ON claim_candidates (source_id, md5(sentence))`,
    );
    await queryRunner.query(`ALTER TABLE claim_candidates DROP COLUMN mentions`);
  }
}
