import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The look-alike statement (libs/claims/src/look-alikes.ts) becomes a function, for two reasons.
 *
 * Its plan: sent as a statement, PostgreSQL parsed and planned it on every create (0.3 + 0.8-1.4 ms
 * of its 2.5-3 ms). In PL/pgSQL the plan is made once per connection and kept (a generic plan:
 * its shape does not depend on the texts, and the candidate read is always the GIN index).
 *
 * Stale statistics: a word outside the statistics of `claims.search` was counted as rarer than the
 * rarest word in them. Since the last ANALYZE, every changed row may hold it, so a word that has
 * since become common (every claim of a busy story, or of a bench) was taken as distinctive until
 * the next ANALYZE, and each create read the full CANDIDATE_LIMIT of claims that shared nothing
 * else. Such a word now counts as common as the share of rows changed since that ANALYZE, and a
 * pair of words is only asked for while the pairs so far, itself included, are expected to match
 * at most `candidate_limit` claims (the rarest pair is always asked, unless it is too common).
 * ANALYZE also runs sooner on `claims` (2 % of rows changed instead of 10 %).
 */
export class LookAlikesFunction1764273000000 implements MigrationInterface {
  name = 'LookAlikesFunction1764273000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE FUNCTION claimdesk_look_alikes(
    texts text[], exclude uuid, distinctive int, candidate_limit int, common_factor int,
    scored_limit int, threshold real, similar_limit int)
  RETURNS TABLE (idx int, id uuid, text text, score real)
  LANGUAGE plpgsql STABLE PARALLEL SAFE
  SET enable_seqscan = off
  SET plan_cache_mode = force_generic_plan
AS $function$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH query AS (
    SELECT t.idx::int AS idx, claimdesk_fold(t.text) AS folded
      FROM unnest(texts) WITH ORDINALITY AS t(text, idx)
  ),
  stats AS MATERIALIZED (
    SELECT s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs AS freqs,
           greatest(k.reltuples, 1) AS total,
           pg_stat_get_mod_since_analyze(k.oid) / greatest(k.reltuples, 1) AS changed
      FROM pg_stats s JOIN pg_class k ON k.oid = 'claims'::regclass
     WHERE s.schemaname = current_schema() AND s.tablename = 'claims' AND s.attname = 'search'
  ),
  words AS MATERIALIZED (
    SELECT * FROM (
      SELECT counted.*, row_number() OVER (PARTITION BY counted.idx
                                           ORDER BY counted.freq, length(counted.lexeme) DESC, counted.lexeme) AS rarity
        FROM (
          SELECT query.idx, w.lexeme, coalesce(stats.total, 1) AS total,
                 -- A lexeme outside the statistics: half the rarest one's frequency inside them at
                 -- the last ANALYZE, plus the share of rows changed since, any of which may hold it.
                 coalesce(stats.freqs[array_position(stats.lexemes, w.lexeme)],
                          stats.freqs[cardinality(stats.lexemes) + 1] / 2 + stats.changed, 0) AS freq
            FROM query
           CROSS JOIN unnest(tsvector_to_array(to_tsvector('english', query.folded))) AS w(lexeme)
            LEFT JOIN stats ON true
        ) counted
    ) ranked WHERE ranked.rarity <= distinctive
  ),
  pairs AS (
    SELECT paired.*, sum(paired.expected) OVER (PARTITION BY paired.idx ORDER BY paired.expected, paired.rank) AS expected_through
      FROM (
        SELECT a.idx, phraseto_tsquery('simple', a.lexeme) && phraseto_tsquery('simple', b.lexeme) AS clause,
               a.total * a.freq * b.freq AS expected, a.rarity * distinctive + b.rarity AS rank
          FROM words a JOIN words b ON a.idx = b.idx AND a.rarity < b.rarity
      ) paired
     WHERE paired.expected <= candidate_limit * common_factor
  ),
  probe AS MATERIALIZED (
    SELECT query.idx, query.folded,
           coalesce((SELECT claimdesk_tsquery_any(pairs.clause) FROM pairs
                      WHERE pairs.idx = query.idx
                        -- the pairs expected to match at most candidate_limit claims, or the rarest pair
                        AND (pairs.expected_through <= candidate_limit OR pairs.expected_through = pairs.expected)),
                    (SELECT phraseto_tsquery('simple', words.lexeme) FROM words
                      WHERE words.idx = query.idx AND words.rarity = 1
                        AND words.total * words.freq <= candidate_limit * common_factor)) AS words
      FROM query
  )
  SELECT probe.idx::int, alike.id, alike.text, alike.score::real
    FROM probe
   CROSS JOIN LATERAL (
     SELECT scored.* FROM (
       SELECT ranked.id, ranked.text, ranked.created_at,
              similarity(claimdesk_fold(ranked.text), probe.folded) AS score
         FROM (
           SELECT found.id, found.text, found.created_at
             FROM (SELECT c.id, c.text, c.created_at, c.search FROM claims c
                    WHERE c.search @@ probe.words AND (exclude IS NULL OR c.id <> exclude)
                    LIMIT candidate_limit) found
            ORDER BY ts_rank(found.search, probe.words) DESC
            LIMIT scored_limit
         ) ranked
     ) scored
      WHERE scored.score >= threshold
      ORDER BY scored.score DESC, scored.created_at DESC, scored.id
      LIMIT similar_limit
   ) alike
   ORDER BY probe.idx, alike.score DESC, alike.created_at DESC, alike.id;
END
$function$`);
    await queryRunner.query(`DROP FUNCTION claimdesk_claims_matching(tsquery, uuid, int)`);
    await queryRunner.query(`ALTER TABLE claims SET (autovacuum_analyze_scale_factor = 0.02)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE claims RESET (autovacuum_analyze_scale_factor)`);
    await queryRunner.query(`
      CREATE FUNCTION claimdesk_claims_matching(words tsquery, exclude uuid, cap int)
        RETURNS TABLE (id uuid, text text, created_at timestamptz, search tsvector)
        LANGUAGE sql STABLE PARALLEL SAFE
        SET enable_seqscan = off
        AS $$ SELECT c.id, c.text, c.created_at, c.search FROM claims c
               WHERE c.search @@ words AND (exclude IS NULL OR c.id <> exclude) LIMIT cap $$`);
    await queryRunner.query(
      `DROP FUNCTION claimdesk_look_alikes(text[], uuid, int, int, int, int, real, int)`,
    );
  }
}
