// Prints the gzipped size of the built JavaScript and fails the build above the budget (issue 11: 250 KB).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'assets');
let total = 0;
for (const file of readdirSync(assets).filter((name) => name.endsWith('.js'))) {
  const size = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  total += size;
  process.stdout.write(`dashboard: ${file} ${(size / 1024).toFixed(1)} KB gzipped\n`);
}
process.stdout.write(
  `dashboard: JavaScript total ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)\n`,
);
if (total > BUDGET) {
  process.stderr.write('dashboard: over the JavaScript budget\n');
  process.exit(1);
}
