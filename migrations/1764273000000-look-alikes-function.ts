import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The look-alike statement (libs/claims/src/look-alikes.ts) becomes a function, so that PostgreSQL
 * plans it once per connection and keeps the plan (a generic one: its shape does not depend on the
 * texts, and the candidate read always goes through the GIN index). Sent as a statement it was
 * parsed and planned on every create: 0.3 + 0.8-1.4 ms of its 2.5-3 ms.
 *
 * Two rules change with it. The index walk for the candidates visits every claim that holds any of
 * the chosen words, so it costs the sum of their claim counts whatever the pairs: the words are
 * chosen rarest first while that sum is expected to stay within `read_limit` (a common word was
 * chosen when it was among the six rarest, and the walk then read a third of the table). And a pair
 * is asked for while the pairs so far, itself included, are expected to match at most
 * `candidate_limit` claims (the rarest pair always).
 *
 * ANALYZE also runs sooner on `claims` (2 % of rows changed instead of 10 %), since the words'
 * counts come from its statistics.
 */
export class LookAlikesFunction1764273000000 implements MigrationInterface {
  name = 'LookAlikesFunction1764273000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE FUNCTION claimdesk_look_alikes(
    texts text[], exclude uuid, distinctive int, candidate_limit int, read_limit int,
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
           -- Rows now, as the planner reckons them: the density at the last ANALYZE times today's pages
           -- (the table grows between ANALYZEs, and every expected count grows with it).
           greatest(k.reltuples / greatest(k.relpages, 1)
                    * (pg_relation_size(k.oid) / current_setting('block_size')::int), 1) AS total
      FROM pg_stats s JOIN pg_class k ON k.oid = 'claims'::regclass
     WHERE s.schemaname = current_schema() AND s.tablename = 'claims' AND s.attname = 'search'
  ),
  words AS MATERIALIZED (
    SELECT * FROM (
      SELECT ranked.*, sum(ranked.total * ranked.freq) OVER (PARTITION BY ranked.idx ORDER BY ranked.rarity) AS read_through
        FROM (
          SELECT counted.*, row_number() OVER (PARTITION BY counted.idx
                                               ORDER BY counted.freq, length(counted.lexeme) DESC, counted.lexeme) AS rarity
            FROM (
              SELECT query.idx, w.lexeme, coalesce(stats.total, 1) AS total,
                     -- A lexeme outside the statistics is rarer than the rarest one inside (whose frequency
                     -- follows the element frequencies in most_common_elem_freqs): half of that is our guess.
                     coalesce(stats.freqs[array_position(stats.lexemes, w.lexeme)],
                              stats.freqs[cardinality(stats.lexemes) + 1] / 2, 0) AS freq
                FROM query
               CROSS JOIN unnest(tsvector_to_array(to_tsvector('english', query.folded))) AS w(lexeme)
                LEFT JOIN stats ON true
            ) counted
        ) ranked
    ) chosen
    -- The index walks every claim holding any chosen word: their expected count, in all, is bounded.
    WHERE chosen.rarity <= distinctive AND chosen.read_through <= read_limit
  ),
  pairs AS (
    SELECT paired.*, sum(paired.expected) OVER (PARTITION BY paired.idx ORDER BY paired.expected, paired.rank) AS expected_through
      FROM (
        SELECT a.idx, phraseto_tsquery('simple', a.lexeme) && phraseto_tsquery('simple', b.lexeme) AS clause,
               a.total * a.freq * b.freq AS expected, a.rarity * distinctive + b.rarity AS rank
          FROM words a JOIN words b ON a.idx = b.idx AND a.rarity < b.rarity
      ) paired
  ),
  probe AS MATERIALIZED (
    SELECT query.idx, query.folded,
           coalesce((SELECT claimdesk_tsquery_any(pairs.clause) FROM pairs
                      WHERE pairs.idx = query.idx
                        -- the pairs expected to match at most candidate_limit claims, or the rarest pair
                        AND (pairs.expected_through <= candidate_limit OR pairs.expected_through = pairs.expected)),
                    (SELECT phraseto_tsquery('simple', words.lexeme) FROM words
                      WHERE words.idx = query.idx AND words.rarity = 1)) AS words
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
