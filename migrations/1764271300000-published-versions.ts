import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What was published stays as it was published: `publish` appends one row per published version of a
 * claim (its text, stances with their actors, evidence, appearances, verdict and who submitted and
 * approved it, as they were), and everything public is built from these rows. A trigger makes the
 * table append-only: an UPDATE, DELETE or TRUNCATE fails, whoever sends it.
 *
 * Claims published before this migration get their versions reconstructed from what the database
 * holds now (the closest record there is of what was published), so their fact-checks stay online.
 */
export class PublishedVersions1764271300000 implements MigrationInterface {
  name = 'PublishedVersions1764271300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE published_versions (
        claim_id uuid NOT NULL REFERENCES claims (id),
        version int NOT NULL CHECK (version >= 1),
        review_id uuid NOT NULL UNIQUE REFERENCES reviews (id),
        published_at timestamptz NOT NULL,
        language text NOT NULL,
        text text NOT NULL,
        summary text NOT NULL,
        verdict text NOT NULL
          CHECK (verdict IN ('true', 'mostly_true', 'mixed', 'misleading', 'mostly_false', 'false', 'unproven')),
        rating smallint CHECK (rating BETWEEN 1 AND 7),
        evidence_status text NOT NULL,
        stances jsonb NOT NULL,
        evidence jsonb NOT NULL,
        appearances jsonb NOT NULL,
        correction jsonb,
        submitted_by jsonb NOT NULL,
        approved_by jsonb NOT NULL,
        PRIMARY KEY (claim_id, version)
      )`);
    // The feed and the public list walk the latest versions newest first.
    await queryRunner.query(
      `CREATE INDEX published_versions_published_idx ON published_versions (published_at DESC, claim_id DESC)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION published_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'published_versions is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'A correction is reopen, review and publish: it appends a new version.';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER published_versions_no_change BEFORE UPDATE OR DELETE ON published_versions
        FOR EACH ROW EXECUTE FUNCTION published_versions_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER published_versions_no_truncate BEFORE TRUNCATE ON published_versions
        FOR EACH STATEMENT EXECUTE FUNCTION published_versions_append_only()`);

    await queryRunner.query(`
      WITH published AS (
        SELECT r.*,
               row_number() OVER (PARTITION BY r.claim_id ORDER BY r.published_at, r.round) AS version,
               lag(r.id) OVER (PARTITION BY r.claim_id ORDER BY r.published_at, r.round) AS previous_id,
               lag(r.verdict) OVER (PARTITION BY r.claim_id ORDER BY r.published_at, r.round) AS previous_verdict,
               lag(r.published_at) OVER (PARTITION BY r.claim_id ORDER BY r.published_at, r.round) AS previous_at
          FROM reviews r WHERE r.outcome = 'published' AND r.published_at IS NOT NULL
      ), rated AS (
        SELECT p.*, ${rating('p.verdict')} AS rating, ${rating('p.previous_verdict')} AS previous_rating FROM published p
      )
      INSERT INTO published_versions (claim_id, version, review_id, published_at, language, text, summary, verdict,
                                      rating, evidence_status, stances, evidence, appearances, correction,
                                      submitted_by, approved_by)
      SELECT p.claim_id, p.version, p.id, p.published_at, c.language, c.text, p.summary, p.verdict,
             p.rating, p.evidence_status,
             (SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'type', s.type, 'quote', s.quote, 'statedAt', ${iso('s.stated_at')},
                       'sourceUrl', s.source_url,
                       'actor', jsonb_build_object('id', a.id, 'name', a.name, 'kind', a.kind,
                                                   'title', a.title, 'country', a.country))
                     ORDER BY s.created_at, s.id), '[]')
                FROM stances s JOIN actors a ON a.id = s.actor_id WHERE s.claim_id = c.id),
             (SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'kind', e.kind, 'summary', e.summary, 'url', e.url, 'relation', e.relation,
                       'reliability', e.reliability) ORDER BY e.created_at, e.id), '[]')
                FROM evidence e WHERE e.claim_id = c.id),
             (SELECT coalesce(jsonb_agg(ap.item ORDER BY ap.position), '[]') FROM (
                SELECT DISTINCT ON (u.url) u.item, u.position FROM (
                  SELECT so.url, 0 AS position, jsonb_build_object('url', so.url, 'title', so.title,
                         'outlet', so.outlet, 'publishedAt', ${iso('so.published_at')}) AS item
                    FROM sources so WHERE so.id = c.source_id
                  UNION ALL
                  SELECT s.source_url, row_number() OVER (ORDER BY s.created_at, s.id),
                         jsonb_build_object('url', s.source_url, 'title', NULL, 'outlet', NULL,
                                            'publishedAt', ${iso('s.stated_at')})
                    FROM stances s WHERE s.claim_id = c.id AND s.type <> 'rejected' AND s.source_url IS NOT NULL
                ) u ORDER BY u.url, u.position) ap),
             CASE WHEN p.previous_id IS NULL THEN NULL ELSE jsonb_build_object(
               'reason', (SELECT ev.payload->>'reason' FROM events ev
                           WHERE ev.claim_id = p.claim_id AND ev.type = 'claim.reopened'
                             AND ev.payload->>'previousReviewId' = p.previous_id::text
                           ORDER BY ev.id DESC LIMIT 1),
               'previousVerdict', p.previous_verdict, 'previousRating', p.previous_rating,
               'previousPublishedAt', ${iso('p.previous_at')}) END,
             jsonb_build_object('id', su.id, 'name', su.name),
             jsonb_build_object('id', du.id, 'name', du.name)
        FROM rated p
        JOIN claims c ON c.id = p.claim_id
        JOIN users su ON su.id = p.submitted_by
        LEFT JOIN users du ON du.id = p.decided_by`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE published_versions`);
    await queryRunner.query(`DROP FUNCTION published_versions_append_only()`);
  }
}

/** A timestamp as the API prints it (`Date#toISOString`), or JSON null. */
function iso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** The 7…1 rating of a verdict as the workflow library defined it when this migration was written. */
function rating(column: string): string {
  return `CASE ${column} WHEN 'true' THEN 7 WHEN 'mostly_true' THEN 6 WHEN 'mixed' THEN 4
    WHEN 'misleading' THEN 3 WHEN 'mostly_false' THEN 2 WHEN 'false' THEN 1 END`;
}
