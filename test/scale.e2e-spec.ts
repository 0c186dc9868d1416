import { lookAlikesQuery } from '@claimdesk/claims';
import { IsolatedTestEnv, isolatedTestEnv, startTestApi, TestApi } from '@claimdesk/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { generateClaims, SEARCH_WORDS } from '../bench/generate-claims';

/** Enough claims that a plan walking the whole table reads tens of thousands of buffers. */
const CLAIMS = 200_000;
/** "A few thousand": what one statement of a list page may read, at any table size. */
const MAX_BUFFERS = 5000;

interface Explained {
  sql: string;
  buffers: number;
  nodes: string[];
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): string[] {
  return [
    `${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ''}`,
    ...(node.Plans ?? []).flatMap(nodesOf),
  ];
}

/**
 * The list, search and review-queue paths on generated data (bench/generate-claims.ts): every
 * statement the API runs for them is also run under EXPLAIN (ANALYZE, BUFFERS), and none may read
 * more than a few thousand buffers, so their cost follows the page and the matches, not the table.
 */
describe(`list paths at ${CLAIMS} claims`, () => {
  let isolated: IsolatedTestEnv;
  let api: TestApi;
  let explained: Explained[] = [];
  let recording = false;

  beforeAll(async () => {
    isolated = await isolatedTestEnv('scale');
    const client = new Client({ connectionString: isolated.env.DATABASE_URL });
    await client.connect();
    try {
      await generateClaims(client, { claims: CLAIMS });
    } finally {
      await client.end();
    }
    api = await startTestApi(isolated.env);
    // Every statement the services run outside a transaction goes through this manager.
    const manager = api.app.get(DataSource).manager;
    const query = manager.query.bind(manager);
    manager.query = (async (sql: string, params?: unknown[]) => {
      if (recording && /^\s*(SELECT|WITH)/i.test(sql)) {
        const [row]: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] = await query(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
          params,
        );
        const plan = row['QUERY PLAN'][0].Plan;
        explained.push({
          sql: sql.replace(/\s+/g, ' '),
          buffers: (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0),
          nodes: nodesOf(plan),
        });
      }
      return query(sql, params);
    }) as typeof manager.query;
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await isolated?.drop();
  });

  async function explain(path: string, as: 'editor' | 'fact_checker' = 'editor'): Promise<Explained[]> {
    explained = [];
    recording = true;
    const response = await api.request({ method: 'GET', url: path, as });
    recording = false;
    expect({ path, status: response.statusCode }).toEqual({ path, status: 200 });
    return explained;
  }

  const paths: [string, string][] = [
    ['list page', '/v1/claims?limit=25'],
    ['common word', `/v1/claims?q=${SEARCH_WORDS.common}&limit=25`],
    ['rare word', `/v1/claims?q=${SEARCH_WORDS.rare}&limit=25`],
    ['a word in 100 claims', `/v1/claims?q=${SEARCH_WORDS.hundred}&limit=25`],
    ['a word in 5 claims', `/v1/claims?q=${SEARCH_WORDS.five}&limit=25`],
    ['no match', `/v1/claims?q=${SEARCH_WORDS.none}&limit=25`],
    ['two words', `/v1/claims?q=${encodeURIComponent(SEARCH_WORDS.two)}&limit=25`],
    ['rare word and status', `/v1/claims?q=${SEARCH_WORDS.rare}&status=published&limit=25`],
    ['tag nobody uses', '/v1/claims?tag=no-such-tag&limit=25'],
    ['review queue, all open', '/v1/review-queue?scope=all'],
    ['review queue, unassigned', '/v1/review-queue?scope=unassigned'],
    ['review queue, overdue', '/v1/review-queue?scope=overdue'],
    // What a create asks for its `similar` answer, in words every claim here is made of.
    [
      'look-alikes of a new claim',
      `/v1/claims/similar?text=${encodeURIComponent('Minister says army convoy secretly crossed the border into Moldova')}`,
    ],
    ['look-alikes of a one-word text', `/v1/claims/similar?text=${SEARCH_WORDS.common}`],
  ];

  it.each(paths)('%s reads at most a few thousand buffers per statement', async (_name, path) => {
    const statements = await explain(path);
    expect(statements.length).toBeGreaterThan(0);
    const over = statements.filter((statement) => statement.buffers > MAX_BUFFERS);
    expect({ path, over }).toEqual({ path, over: [] });
  });

  it('reads nothing of the claims for the look-alikes of a text made only of common words', async () => {
    // Each word is in thousands of the generated claims, so none is distinctive (READ_LIMIT in
    // libs/claims/src/look-alikes.ts): the statement reads the statistics and not the index.
    const [sql, params] = lookAlikesQuery(['minister border election vaccine'], null);
    const runner = api.app.get(DataSource).createQueryRunner();
    try {
      // Once unmeasured, on the same connection: its first call plans the function, reading the catalogs.
      expect(await runner.query(sql, params)).toEqual([]);
      const [row]: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] = await runner.query(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
        params,
      );
      const plan = row['QUERY PLAN'][0].Plan;
      expect((plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0)).toBeLessThan(100);
    } finally {
      await runner.release();
    }
  });

  it('finds a rare word through the GIN index, not by walking the date index', async () => {
    const statements = await explain(`/v1/claims?q=${SEARCH_WORDS.rare}&limit=25`);
    const page = statements.find((statement) => statement.sql.includes('ORDER BY'));
    expect(page?.nodes).toContain('Bitmap Index Scan on claims_search_idx');
    expect(page?.nodes).not.toContain('Index Scan on claims_list_idx');
  });

  it('holds each search word of the benchmarks in as many claims as bench/scale.ts says', async () => {
    const counts: { word: string; claims: number }[] = await api.app.get(DataSource).query(
      `SELECT w.word, count(c.id)::int AS claims
         FROM unnest($1::text[]) AS w(word)
         LEFT JOIN claims c ON c.search @@ to_tsquery('simple', w.word)
        GROUP BY w.word`,
      [[SEARCH_WORDS.rare, SEARCH_WORDS.hundred, SEARCH_WORDS.five, SEARCH_WORDS.none]],
    );
    expect(Object.fromEntries(counts.map((row) => [row.word, row.claims]))).toEqual({
      [SEARCH_WORDS.rare]: CLAIMS / 10_000,
      [SEARCH_WORDS.hundred]: 100,
      [SEARCH_WORDS.five]: 5,
      [SEARCH_WORDS.none]: 0,
    });
  });

  it('answers a word in no claim without reading a page of claims', async () => {
    const response = await api.request({ method: 'GET', url: `/v1/claims?q=${SEARCH_WORDS.none}` });
    expect(response.data).toEqual({ items: [], nextCursor: null });
  });

  it('bounds every statement of the API with a statement timeout', async () => {
    const [row]: { statement_timeout: string }[] = await api.app
      .get(DataSource)
      .query(`SHOW statement_timeout`);
    expect(row.statement_timeout).toBe(`${api.config.DB_STATEMENT_TIMEOUT_MS / 1000}s`);
  });

  it('prices random reads for SSDs on every connection of the API', async () => {
    const [row]: { random_page_cost: string }[] = await api.app
      .get(DataSource)
      .query(`SHOW random_page_cost`);
    expect(row.random_page_cost).toBe('1.1');
  });
});
