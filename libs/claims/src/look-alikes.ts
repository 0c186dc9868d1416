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
 * The candidate read walks every claim holding any of the chosen words, so the words are chosen
 * rarest first while their claims, in all, are expected to number at most this many. A word that
 * alone is in more claims is not distinctive.
 */
const READ_LIMIT = 2000;
/**
 * This many of the candidates, those sharing most of the text's distinctive words, are scored by
 * trigrams: similarity() trigrams both texts on each call, about 60 µs, which at 25 was half the
 * statement. Against the exact ranking 10 keep 0.90 of its answers (25 kept 0.91), the first always.
 */
const SCORED_LIMIT = 10;

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
 * statistics, longer words count as rarer. The words are taken rarest first while the claims
 * holding them add up to at most READ_LIMIT, and their pairs while the expected matches (table size
 * × both frequencies) add up to at most CANDIDATE_LIMIT, where the candidate read stops, so a create
 * reads a bounded number of index entries and rows at any table size. The candidates that share
 * most of those words (ts_rank) are then scored: similarity() trigrams both texts on every call.
 *
 * What this gives up: a claim that shares only common words, or a single distinctive word, with
 * the text is not offered, even where its trigram similarity passes the threshold (on real claims
 * those are other claims in the same phrasing: "Fighting in X has displaced more than N people").
 * `test/look-alikes.e2e-spec.ts` holds it against the exact ranking.
 *
 * The statement is the SQL function `claimdesk_look_alikes` (migration 1764273000000), so that
 * PostgreSQL plans it once per connection rather than on every create; its tuning is written from here.
 */
const TUNING = [
  DISTINCTIVE_WORDS,
  CANDIDATE_LIMIT,
  READ_LIMIT,
  SCORED_LIMIT,
  `${SIMILARITY_THRESHOLD}::real`,
  SIMILAR_LIMIT,
].join(', ');
const LOOK_ALIKES_SQL = `SELECT idx, id, text, score
  FROM claimdesk_look_alikes($1::text[], $2::uuid, ${TUNING})`;

/** The look-alike statement for `texts` and its parameters. */
export function lookAlikesQuery(texts: readonly string[], excludeId: string | null): [string, unknown[]] {
  return [LOOK_ALIKES_SQL, [texts, excludeId]];
}

/**
 * The look-alikes of the text `text` (an SQL expression) as a JSON array, most similar first, for
 * the statement that creates that claim: there the new row is not yet visible, so none is excluded.
 * Its items are read with `toSimilarView`.
 */
export function lookAlikesJsonSql(text: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', a.id, 'text', a.text, 'score', a.score) ORDER BY a.n), '[]')
     FROM claimdesk_look_alikes(ARRAY[${text}]::text[], NULL, ${TUNING}) WITH ORDINALITY AS a(idx, id, text, score, n))`;
}

export const toSimilarView = (row: { id: string; text: string; score: number }): SimilarClaimView => ({
  id: row.id,
  text: row.text,
  score: Math.round(row.score * 1000) / 1000,
});

/** The look-alikes of each text (the answer for `texts[i]` at index i), most similar first. */
export async function findLookAlikes(
  manager: EntityManager,
  texts: readonly string[],
  excludeId: string | null,
): Promise<SimilarClaimView[][]> {
  if (texts.length === 0) return [];
  const rows: { idx: number; id: string; text: string; score: number }[] = await manager.query(
    ...lookAlikesQuery(texts, excludeId),
  );
  const lookAlikes: SimilarClaimView[][] = texts.map(() => []);
  for (const row of rows) lookAlikes[row.idx - 1].push(toSimilarView(row));
  return lookAlikes;
}
