import { Client } from 'pg';

/**
 * Realistic claims at scale, generated inside PostgreSQL with `INSERT … SELECT` (no row crosses the
 * wire): actors, one to three stances per claim, a `claim.created` event each, statuses and
 * priorities in desk-like proportions, fact-checkers as assignees, dates spread over three years.
 *
 * Texts draw from a vocabulary of a few hundred words with a long tail (word k is picked with a
 * probability falling like a power law), so some words are in a third of all claims and most are
 * in a handful. Five words are placed for the search benchmarks: `SEARCH_WORDS.common` in about
 * 30 % of claims, `.rare` in about 1 in 10,000 at any size (one claim at 10k, a hundred at 1M),
 * `.hundred` in 100 claims and `.five` in 5 at any size (so their pages hold as many claims at 10k
 * as at 1M), `.none` in none.
 */
export const SEARCH_WORDS = {
  common: 'minister',
  rare: 'quokka',
  hundred: 'wombat',
  five: 'numbat',
  none: 'xylophone',
  two: 'minister border',
} as const;

const HEAD = ['minister', 'border', 'election', 'vaccine', 'sanctions', 'refugees', 'energy', 'army'];
const TAIL = [
  'albania kosovo bosnia serbia ukraine moldova georgia montenegro hungary poland romania bulgaria',
  'greece turkey croatia slovenia austria germany france italy spain portugal ireland britain',
  'mercenaries soldiers officials activists senators bloggers journalists police judges doctors',
  'farmers teachers students workers pensioners migrants smugglers hackers lobbyists bankers',
  'doubled halved vanished rose fell hidden staged leaked forged banned approved rejected',
  'secretly openly illegally quietly suddenly repeatedly allegedly officially reportedly',
  'budget taxes pensions wages prices inflation debt loans grants subsidies tariffs exports',
  'gas oil coal wind solar nuclear pipeline grid blackout shortage reserves imports',
  'hospital school court prison parliament embassy ministry council agency army navy',
  'referendum ballot turnout fraud recount campaign poll candidate coalition opposition',
  'virus outbreak lockdown mask testing clinic trial dose booster immunity pandemic',
  'flood drought wildfire storm earthquake heatwave harvest famine pollution emissions',
  'bridge railway airport highway tunnel port dam factory mine refinery warehouse',
  'satellite drone missile tank artillery ammunition convoy checkpoint ceasefire treaty',
  'website video photo document report survey study statistics chart interview speech',
  'million billion percent thousand dozens hundreds record lowest highest fastest',
  'monday tuesday wednesday thursday friday weekend yesterday overnight lately recently',
  'channel newspaper broadcaster podcast platform network account profile page group',
]
  .join(' ')
  .split(' ');

/** How a claim's text is drawn, here and in generateClaims' SQL. */
const TEXT = {
  /** Share of claims that open with SEARCH_WORDS.common, in tenths. */
  commonTenths: 3,
  /** Words after the head word, each word k of the vocabulary picked as floor(n · random()^skew). */
  words: 7,
  skew: 1.8,
};

/**
 * A new claim's text drawn as the generator draws its claims' (a head word, seven words of the
 * long-tailed vocabulary), with a marker no other claim has, as a real claim has its names and numbers.
 */
export function generatedClaimText(marker: string): string {
  const words = [...HEAD, ...TAIL];
  const pick = () => words[Math.floor(words.length * Math.random() ** TEXT.skew)];
  const head = HEAD[Math.floor(Math.random() * HEAD.length)];
  const opening = Math.random() * 10 < TEXT.commonTenths ? SEARCH_WORDS.common : '';
  return [opening, head, ...Array.from({ length: TEXT.words }, pick), marker].filter(Boolean).join(' ');
}

/** How many of the newest claims may still be open (submitted … in approval). */
const OPEN_WINDOW = 5000;

export interface GenerateOptions {
  claims: number;
  actors?: number;
  factCheckers?: number;
}

/** Fills an already migrated, empty database; returns seconds taken. Safe to call once per database. */
export async function generateClaims(client: Client, options: GenerateOptions): Promise<number> {
  const started = Date.now();
  const actors = options.actors ?? Math.max(50, Math.round(options.claims / 200));
  const checkers = options.factCheckers ?? 40;
  await client.query(`SET max_parallel_maintenance_workers = 2`);
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '256MB'`);

  await client.query(
    `INSERT INTO users (email, name, handle, password_hash, roles, expertise)
     SELECT 'checker' || i || '@bench.test', 'Checker ' || i, 'checker_' || i, 'x',
            ARRAY['fact_checker'], ARRAY[(ARRAY['elections','health','energy','war'])[1 + i % 4]]
       FROM generate_series(1, $1) AS i`,
    [checkers],
  );
  await client.query(
    `INSERT INTO actors (name, kind, country)
     SELECT 'Actor ' || i, (ARRAY['person','government','organization','media_outlet','group'])[1 + i % 5],
            (ARRAY['AL','XK','BA','RS','UA','MD','GE','ME','HU'])[1 + i % 9]
       FROM generate_series(1, $1) AS i`,
    [actors],
  );

  const indexes = await withoutIndexes(client, ['claims', 'stances', 'events']);
  // Every claim: eight words, the first from the head (the very common words), the rest from the
  // whole vocabulary with a power-law pick; the rare word in 1 of 10,000 claims, the hundred word in
  // 100, the five word in 5.
  await client.query(`CREATE TEMP TABLE bench_vocab AS SELECT $1::text[] AS head, $2::text[] AS words`, [
    HEAD,
    [...HEAD, ...TAIL],
  ]);
  await client.query(
    `INSERT INTO claims (text, tags, priority, status, evidence_status, verdict, assignee_id, due_at,
                         created_by_kind, created_at, updated_at)
     SELECT t.text, t.tags, t.priority, t.status, t.evidence_status,
            CASE WHEN t.status = 'published' THEN (ARRAY['true','mostly_true','mixed','misleading','false'])[1 + (t.i % 5)] END,
            CASE WHEN t.status IN ('assigned','in_review','in_approval','published')
                 THEN t.checkers[1 + t.i % array_length(t.checkers, 1)] END,
            CASE WHEN t.i % 3 = 0 THEN t.created_at + interval '3 days' END,
            'user', t.created_at, t.created_at
       FROM (
         SELECT g.i,
                (CASE WHEN g.i % 10 < ${TEXT.commonTenths} THEN '${SEARCH_WORDS.common} ' ELSE '' END) ||
                v.head[1 + (g.i * 7) % array_length(v.head, 1)] || ' ' ||
                (SELECT string_agg(v.words[1 + floor(array_length(v.words, 1) * power(random(), ${TEXT.skew}))::int + 0 * w], ' ')
                   FROM generate_series(1, ${TEXT.words} + 0 * g.i) AS w) ||
                (CASE WHEN g.i % 10000 = 5000 THEN ' ${SEARCH_WORDS.rare}' ELSE '' END) ||
                (CASE WHEN g.i % greatest($1 / 100, 1) = 1 THEN ' ${SEARCH_WORDS.hundred}' ELSE '' END) ||
                (CASE WHEN g.i % greatest($1 / 5, 1) = 3 THEN ' ${SEARCH_WORDS.five}' ELSE '' END) ||
                ' #' || g.i AS text,
                ARRAY[(ARRAY['elections','health','energy','war','economy','climate'])[1 + g.i % 6]] AS tags,
                (ARRAY['low','normal','normal','normal','high','urgent'])[1 + g.i % 6] AS priority,
                -- Open work is the newest few thousand claims, at any size: older ones were decided.
                CASE WHEN g.i > $2 THEN (CASE WHEN g.i % 10 < 7 THEN 'published' ELSE 'dismissed' END)
                     WHEN g.i % 100 < 55 THEN 'published' WHEN g.i % 100 < 75 THEN 'dismissed'
                     WHEN g.i % 100 < 85 THEN 'submitted' WHEN g.i % 100 < 91 THEN 'triaged'
                     WHEN g.i % 100 < 95 THEN 'assigned' WHEN g.i % 100 < 98 THEN 'in_review'
                     ELSE 'in_approval' END AS status,
                (ARRAY['unverified','unsubstantiated','disputed','corroborated','debunked'])[1 + g.i % 5] AS evidence_status,
                now() - (g.i::float / $1) * interval '3 years' AS created_at,
                u.ids AS checkers
           FROM generate_series(1, $1) AS g(i), bench_vocab v,
                (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE '%@bench.test') u
       ) t`,
    [options.claims, OPEN_WINDOW],
  );
  await client.query(
    `INSERT INTO stances (claim_id, actor_id, type, created_at)
     SELECT c.id, a.ids[1 + abs(hashtext(c.id::text || s)) % array_length(a.ids, 1)],
            (ARRAY['asserted','repeated','supported','rejected'])[1 + (s + abs(hashtext(c.id::text))) % 4],
            c.created_at
       FROM claims c
       CROSS JOIN LATERAL generate_series(1, 1 + abs(hashtext(c.id::text)) % 3) AS s,
       (SELECT array_agg(id) AS ids FROM actors) a`,
  );
  // The history (and outbox) row of each claim, already relayed and settled (every consumer handled
  // it), so the outbox sweep leaves it alone and the webhook figures count only the bench's own events.
  await client.query(
    `INSERT INTO events (type, claim_id, actor_kind, payload, created_at, dispatched_at, settled_at)
     SELECT 'claim.created', id, 'user', jsonb_build_object('version', 1), created_at, created_at, created_at
       FROM claims`,
  );
  await client.query(`DROP TABLE bench_vocab`);
  for (const definition of indexes) await client.query(definition);
  await client.query(`VACUUM ANALYZE`);
  return (Date.now() - started) / 1000;
}

/**
 * Drops the tables' plain secondary indexes and returns their definitions: building a GIN index
 * once over a million rows is many times faster than maintaining it row by row.
 */
async function withoutIndexes(client: Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    [tables],
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.name}"`);
  return rows.map((row) => row.definition);
}
