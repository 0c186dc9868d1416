import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIMILAR_LIMIT, SIMILARITY_THRESHOLD, SimilarClaimView } from '@claimdesk/claims';
import { IsolatedTestEnv, isolatedTestEnv, startTestApi, TestApi } from '@claimdesk/testing';
import { Client } from 'pg';
import { generateClaims } from '../bench/generate-claims';

/** Generated claims around the real ones, so that word frequencies come from a sizeable table. */
const GENERATED = 5000;
const FIXTURES = join(__dirname, 'fixtures', 'articles');

/** Every sentence and gold claim text of the annotated articles: real news wording. */
function realTexts(): string[] {
  return readdirSync(FIXTURES).flatMap((file) => {
    const article = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as {
      sentences: string[];
      claims: { text: string }[];
    };
    return [...article.sentences, ...article.claims.map((claim) => claim.text)];
  });
}

/** The same claim as a desk might type it again: a word dropped, one added, two swapped. */
function retyped(text: string, n: number): string {
  const words = text.split(/\s+/);
  const at = n % words.length;
  if (n % 3 === 0 && words.length > 3) words.splice(at, 1);
  else if (n % 3 === 1) words.splice(at, 0, 'reportedly');
  else [words[at], words[(at * 7 + 1) % words.length]] = [words[(at * 7 + 1) % words.length], words[at]];
  return words.join(' ');
}

/**
 * Look-alikes take their candidates from the full-text index (libs/claims/src/look-alikes.ts); this
 * holds them against the exact answer, the trigram similarity of every claim in the table, on the
 * annotated articles' real sentences typed again with small changes.
 */
describe('look-alike claims against the exact trigram ranking', () => {
  let isolated: IsolatedTestEnv;
  let api: TestApi;
  let client: Client;
  const texts = realTexts();

  beforeAll(async () => {
    isolated = await isolatedTestEnv('lookalikes');
    client = new Client({ connectionString: isolated.env.DATABASE_URL });
    await client.connect();
    await generateClaims(client, { claims: GENERATED });
    await client.query(`INSERT INTO claims (text) SELECT unnest($1::text[])`, [texts]);
    await client.query(`ANALYZE claims`);
    api = await startTestApi(isolated.env);
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await client?.end();
    await isolated?.drop();
  });

  async function exact(text: string): Promise<string[]> {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM (SELECT id, created_at, similarity(claimdesk_fold(text), claimdesk_fold($1)) AS score FROM claims) c
        WHERE score >= $2 ORDER BY score DESC, created_at DESC, id LIMIT $3`,
      [text, SIMILARITY_THRESHOLD, SIMILAR_LIMIT],
    );
    return rows.map((row) => row.id);
  }

  async function offered(text: string): Promise<SimilarClaimView[]> {
    const response = await api.request({
      method: 'GET',
      url: `/v1/claims/similar?text=${encodeURIComponent(text)}`,
    });
    expect(response.statusCode).toBe(200);
    return response.data as SimilarClaimView[];
  }

  it('offers the claim that was typed again, first, and most of what the exact ranking offers', async () => {
    const sample = texts.filter((_, index) => index % 3 === 0);
    let exactCount = 0;
    let alsoOffered = 0;
    const missedFirst: string[] = [];
    for (const [n, original] of sample.entries()) {
      const query = retyped(original, n);
      const best = await exact(query);
      const ids = (await offered(query)).map((item) => item.id);
      exactCount += best.length;
      alsoOffered += best.filter((id) => ids.includes(id)).length;
      if (best.length && ids[0] !== best[0]) missedFirst.push(query);
    }
    expect(sample.length).toBeGreaterThan(100);
    expect(missedFirst).toEqual([]);
    // What it leaves out are other claims in the same phrasing (see look-alikes.ts); measured 0.90.
    expect(alsoOffered / exactCount).toBeGreaterThan(0.85);
  }, 120_000);

  it('scores with the same trigram similarity, most similar first, above the threshold', async () => {
    const [text] = texts;
    const items = await offered(text);
    expect(items[0]).toMatchObject({ text, score: 1 });
    const scores = items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(items.length).toBeLessThanOrEqual(SIMILAR_LIMIT);
  });

  it('reads tsquery operators, quotes and backslashes in a text as words, never as query syntax', async () => {
    const [text] = texts;
    for (const hostile of [
      `${text} & !'x' | (y:*) <-> z`,
      `o'brien \\ "${text}" :* !!`,
      `& | ! ( ) <-> :*`,
    ]) {
      const items = await offered(hostile);
      expect(items.every((item) => item.score >= SIMILARITY_THRESHOLD)).toBe(true);
    }
    expect((await offered(`${text} & !'x' | (y:*)`))[0]?.text).toBe(text);
  });

  it('offers nothing for a text of no words the claims share, and a text of stop words only', async () => {
    expect(await offered('zzqx wvvy')).toEqual([]);
    expect(await offered('it is what it is')).toEqual([]);
  });
});
