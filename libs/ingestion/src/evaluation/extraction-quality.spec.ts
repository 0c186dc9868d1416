import { join } from 'node:path';
import { bySplit, evaluate, f1, formatReport, loadArticles } from './score-extraction';

/**
 * The bar: F1 >= 0.85 for claim detection (at the dashboard's threshold), actor
 * attribution and stance, over every annotated article. `npm run eval:ingest` prints the same table.
 */
describe('extraction quality on the annotated articles', () => {
  const articles = loadArticles(join(__dirname, '../../../../test/fixtures/articles'));
  const report = evaluate(articles);

  it("has at least 40 articles covering the issue's six topics", () => {
    expect(articles.length).toBeGreaterThanOrEqual(40);
    expect([...new Set(articles.map((article) => article.topic))]).toEqual(
      expect.arrayContaining(['war', 'elections', 'health', 'climate', 'economy', 'migration']),
    );
  });

  it('reaches F1 0.85 on claims, attribution and stance', () => {
    const tables = [{ name: 'all', articles }, ...bySplit(articles)].map(
      (group) =>
        `## ${group.name}\n\n${formatReport(group.name === 'all' ? report : evaluate(group.articles))}\n`,
    );
    process.stdout.write(tables.join('\n'));
    expect(f1(report.rows.claims).f1).toBeGreaterThanOrEqual(0.85);
    expect(f1(report.rows.attribution).f1).toBeGreaterThanOrEqual(0.85);
    expect(f1(report.rows.stance).f1).toBeGreaterThanOrEqual(0.85);
  });
});
