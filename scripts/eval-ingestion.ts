/* eslint-disable no-console -- a command-line report */
import { join } from 'node:path';
import { evaluate, formatReport, loadArticles } from '../libs/ingestion/src/evaluation/score-extraction';

/** `npm run eval:ingest [-v]`: the extraction scores on every annotated article, then on the held-out ones. */
const articles = loadArticles(join(__dirname, '../test/fixtures/articles'));
const verbose = process.argv.includes('-v');
for (const [name, subset] of [
  ['all', articles],
  ['held-out', articles.filter((article) => article.split === 'held-out')],
] as const) {
  const report = evaluate([...subset]);
  console.log(`## ${name}\n\n${formatReport(report)}\n`);
  if (verbose) console.log(`${report.failures.map((failure) => `- ${failure}`).join('\n')}\n`);
}
