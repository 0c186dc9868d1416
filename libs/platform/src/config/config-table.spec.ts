import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configVariables } from './app-config';

/** The variables named in the first column of the README's configuration table. */
function documentedVariables(): string[] {
  const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = section.split('\n').filter((line) => /^\|\s*`/.test(line));
  return rows.flatMap((row) =>
    [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1]),
  );
}

describe('the README configuration table', () => {
  it('lists every variable the config class reads, and only those', () => {
    const documented = documentedVariables();
    const read = configVariables();
    expect(documented.length).toBeGreaterThan(20);
    expect({ undocumented: read.filter((name) => !documented.includes(name)) }).toEqual({ undocumented: [] });
    expect({ notRead: documented.filter((name) => !read.includes(name)) }).toEqual({ notRead: [] });
    expect(new Set(documented).size).toBe(documented.length);
  });
});
