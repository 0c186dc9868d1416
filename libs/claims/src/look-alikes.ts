import { EntityManager } from 'typeorm';
import { SimilarClaimView } from './dto/claim.view';

/** pg_trgm similarity above which two claim texts are offered as possible duplicates. */
export const SIMILARITY_THRESHOLD = 0.3;
export const SIMILAR_LIMIT = 5;

/** How many of a text's words, rarest first, may pick its candidates. */
const DISTINCTIVE_WORDS = 6;
/** At most this many candidates are read per text, whatever the size of the table. */
const CANDIDATE_LIMIT = 200;
/**
 * A word (or pair) expected in more than this many times CANDIDATE_LIMIT claims is not distinctive:
 * it is not used at all, since even a limited read builds its whole bitmap from the GIN index.
 */
const COMMON_FACTOR = 50;
/** This many of the candidates, those sharing most of the text's distinctive words, are scored by trigrams. */
const SCORED_LIMIT = 25;

/**
 * Look-alikes are found in two steps: candidates through the full-text GIN index, then the
 * trigram similarity of the folded texts on those candidates only. A trigram nearest-neighbour
 * walk (GiST `<->`) ranks every claim exactly, but on claims written with the same common words
 * its signatures overlap, so it reads the whole index: 420 buffers (8 ms) at 10,000 claims and
 * 42,000 (850 ms) at a million, on every create.
 *
 * A claim that looks like the same claim shares its distinctive words, so the candidates are the
 * claims that contain two of the text's DISTINCTIVE_WORDS rarest English lexemes (or its one
 * lexeme). Rarity comes from PostgreSQL's statistics of `claims.search` (the frequencies ANALYZE
 * keeps for its most common lexemes; any other lexeme is rarer than all of them); without
 * statistics, longer words count as rarer. Pairs are taken from the rarest on while their expected
 * matches (table size × both frequencies) add up to under CANDIDATE_LIMIT, and the candidate read
 * stops there, so a create reads a bounded number of rows at any table size; a pair or a lone word
 * expected in too many claims (COMMON_FACTOR) is left out. The candidates that share most of those
 * words (ts_rank) are then scored: similarity() trigrams both texts on every call.
 *
 * What this gives up: a claim that shares only common words, or a single distinctive word, with
 * the text is not offered, even where its trigram similarity passes the threshold (on real claims
 * those are other claims in the same phrasing: "Fighting in X has displaced more than N people").
 * `test/look-alikes.e2e-spec.ts` holds it against the exact ranking.
 *
 * Parameters: see lookAlikeParams.
 */
const LOOK_ALIKES_SQL = `
WITH query AS (
  SELECT t.idx::int AS idx, claimdesk_fold(t.text) AS folded
    FROM unnest($1::text[]) WITH ORDINALITY AS t(text, idx)
),
stats AS MATERIALIZED (
  SELECT s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs AS freqs,
         greatest(k.reltuples, 1) AS total
    FROM pg_stats s JOIN pg_class k ON k.oid = 'claims'::regclass
   WHERE s.schemaname = current_schema() AND s.tablename = 'claims' AND s.attname = 'search'
),
words AS MATERIALIZED (
  SELECT * FROM (
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
  ) ranked WHERE ranked.rarity <= $3
),
pairs AS (
  SELECT paired.*, sum(paired.expected) OVER (PARTITION BY paired.idx ORDER BY paired.expected, paired.rank)
                   - paired.expected AS expected_before
    FROM (
      SELECT a.idx, phraseto_tsquery('simple', a.lexeme) && phraseto_tsquery('simple', b.lexeme) AS clause,
             a.total * a.freq * b.freq AS expected, a.rarity * $3 + b.rarity AS rank
        FROM words a JOIN words b ON a.idx = b.idx AND a.rarity < b.rarity
    ) paired
   WHERE paired.expected <= $4 * ${COMMON_FACTOR}
),
probe AS MATERIALIZED (
  SELECT query.idx, query.folded,
         coalesce((SELECT claimdesk_tsquery_any(pairs.clause) FROM pairs
                    WHERE pairs.idx = query.idx AND pairs.expected_before < $4),
                  (SELECT phraseto_tsquery('simple', words.lexeme) FROM words
                    WHERE words.idx = query.idx AND words.rarity = 1
                      AND words.total * words.freq <= $4 * ${COMMON_FACTOR})) AS words
    FROM query
)
SELECT probe.idx, alike.id, alike.text, alike.score
  FROM probe
 CROSS JOIN LATERAL (
   SELECT scored.* FROM (
     SELECT ranked.id, ranked.text, ranked.created_at,
            similarity(claimdesk_fold(ranked.text), probe.folded) AS score
       FROM (
         SELECT found.id, found.text, found.created_at
           FROM claimdesk_claims_matching(probe.words, $2::uuid, $4) found
          ORDER BY ts_rank(found.search, probe.words) DESC
          LIMIT $7
       ) ranked
   ) scored
    WHERE scored.score >= $5
    ORDER BY scored.score DESC, scored.created_at DESC, scored.id
    LIMIT $6
 ) alike
 ORDER BY probe.idx, alike.score DESC, alike.created_at DESC, alike.id`;

/** The parameters of LOOK_ALIKES_SQL. */
function lookAlikeParams(texts: readonly string[], excludeId: string | null): unknown[] {
  return [
    texts,
    excludeId,
    DISTINCTIVE_WORDS,
    CANDIDATE_LIMIT,
    SIMILARITY_THRESHOLD,
    SIMILAR_LIMIT,
    SCORED_LIMIT,
  ];
}

/** The look-alikes of each text (the answer for `texts[i]` at index i), most similar first. */
export async function findLookAlikes(
  manager: EntityManager,
  texts: readonly string[],
  excludeId: string | null,
): Promise<SimilarClaimView[][]> {
  if (texts.length === 0) return [];
  const rows: { idx: number; id: string; text: string; score: number }[] = await manager.query(
    LOOK_ALIKES_SQL,
    lookAlikeParams(texts, excludeId),
  );
  const lookAlikes: SimilarClaimView[][] = texts.map(() => []);
  for (const row of rows)
    lookAlikes[row.idx - 1].push({ id: row.id, text: row.text, score: Math.round(row.score * 1000) / 1000 });
  return lookAlikes;
}
