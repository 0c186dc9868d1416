import { EntityManager } from 'typeorm';

/**
 * Below this many matches a filtered list reads its matches through the GIN index and sorts them;
 * at or above it, it walks claims in date order and stops at the page's end. Either way a page
 * reads about this many rows at most, whatever the size of the table: with m matches among n
 * claims the date-order walk reads about limit × n / m rows, the GIN read m.
 */
export const FEW_MATCHES = 1000;

/**
 * How a list filtered by a GIN-indexed condition (full-text search, tags) is ordered. PostgreSQL
 * cannot tell a word in every third claim from one in none (its statistics stop at the common
 * words), so left alone it walks `claims_list_idx` in date order for both: instant for the
 * first, the whole table for the second (seconds at a million claims, and a denial of service).
 * So we ask the GIN index first how many rows match, up to FEW_MATCHES (a bounded read), and
 * order by an expression the date index cannot serve when they are few, which leaves the planner
 * the bitmap scan of the GIN index.
 *
 * Returns 'none' (no row matches: the page is empty), 'few' or 'many'.
 */
export async function matchDensity(
  manager: EntityManager,
  condition: string,
  params: unknown[],
): Promise<'none' | 'few' | 'many'> {
  const [row]: { matches: number }[] = await manager.query(
    `SELECT count(*)::int AS matches FROM (SELECT 1 FROM claims c WHERE ${condition} LIMIT ${FEW_MATCHES}) m`,
    params,
  );
  const matches = row?.matches ?? 0;
  return matches === 0 ? 'none' : matches < FEW_MATCHES ? 'few' : 'many';
}

/** The list order; for few matches the same order, written so that no btree on created_at serves it. */
export function listOrder(density: 'few' | 'many'): string {
  return density === 'few'
    ? `(c.created_at + interval '0 seconds') DESC, c.id DESC`
    : `c.created_at DESC, c.id DESC`;
}
