/* eslint-disable no-console -- a command-line report */
import { join } from 'node:path';
import {
  bySplit,
  evaluate,
  formatReport,
  loadArticles,
} from '../libs/ingestion/src/evaluation/score-extraction';

/**
 * `npm run eval:ingest [-v]`: the extraction scores on every annotated article (the gate's
 * table), then one table per split present: development, held-out round 1, blind.
 */
const articles = loadArticles(join(__dirname, '../test/fixtures/articles'));
const verbose = process.argv.includes('-v');
for (const { name, articles: subset } of [{ name: 'all', articles }, ...bySplit(articles)]) {
  const report = evaluate(subset);
  console.log(`## ${name}\n\n${formatReport(report)}\n`);
  if (verbose) console.log(`${report.failures.map((failure) => `- ${failure}`).join('\n')}\n`);
}
