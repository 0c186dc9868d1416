import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The boundary check: features own their tables and talk through each other's public entry
 * (`@claimdesk/<feature>`), never through internals or SQL on someone else's table. It fails when
 * a library imports another library's files by path, or names a table another feature owns.
 *
 * KNOWN_CROSSINGS lists the crossings that remain, each with why; the list may only shrink. A new
 * crossing fails here: move the query behind the owning feature's service instead.
 */

const LIBS = join(__dirname, '..', '..');

/**
 * Who owns each table (from the migrations that create them). The outbox is the events table's
 * own dispatcher (it marks events dispatched), so it shares that table with the events library.
 */
const OWNER: Record<string, string | string[]> = {
  claims: 'claims',
  stances: 'claims',
  evidence: 'claims',
  sources: 'claims',
  actors: 'actors',
  reviews: 'review',
  assignments: 'review',
  notes: 'review',
  users: 'auth',
  api_keys: 'auth',
  events: ['events', 'outbox'],
  notifications: 'notifications',
  webhooks: 'webhooks',
  webhook_messages: 'webhooks',
  webhook_attempts: 'webhooks',
  webhook_fanouts: 'webhooks',
  source_documents: 'ingestion',
  claim_candidates: 'ingestion',
  idempotency_keys: 'platform',
};

/** `feature → table` crossings still to remove, with the reason each is tolerated for now. */
const KNOWN_CROSSINGS: Record<string, string> = {
  'claims → reviews':
    'the claim view carries currentReview/publishedReview; the "current published review" query should move to review',
  'claims → notes': 'the claim view counts notes (notesCount)',
  'review → users':
    'the queue stats join reviewer names, next/auto-assign read expertise, mentions resolve handles',
  'review → events': 'timers look up the event they wrote to stay idempotent',
  'platform → events':
    "the job runner records each outbox job's receipt in the same step, only for events that exist",
  'publications → claims':
    'the versions page tells an unknown claim (404) from one never published (empty); publications sits below claims',
  'actors → stances': 'an actor lists the claims they took a stance on',
  'actors → claims': 'as above',
  'ingestion → claims': 'a source lists its claims',
  'webhooks → events': 'the fan-out reads events in order; should go through the events service',
  'claims → actors': 'a stance shows its actor (joined for display)',
  'ingestion → sources': 'a candidate is accepted with its source',
  'ingestion → actors': 'candidate actors are matched to known actors by name',
  'review → claims':
    'the queue, its stats and the timers are read models of claims (served by the queue’s partial indexes); every write goes through ClaimsService',
};

/** A write: only the owner ever writes its table, without exception. */
const SQL_WRITE = /\b(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM|ALTER\s+TABLE)\s+"?([a-z_]+)"?/g;
/** A read: allowed across features only where KNOWN_CROSSINGS says why. */
const SQL_READ = /(?<!DELETE\s)\b(?:FROM|JOIN)\s+"?([a-z_]+)"?/g;
const PATH_IMPORT = /from\s+'((?:@claimdesk\/[a-z-]+\/[^']+)|(?:\.\.\/)+(?:\.\.\/)*[a-z-]+\/src[^']*)'/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Whether `table` belongs to someone other than `feature` (unknown tables are nobody's). */
function foreign(table: string, feature: string): boolean {
  const owner = OWNER[table];
  return owner !== undefined && !(Array.isArray(owner) ? owner : [owner]).includes(feature);
}

function crossings(): { tables: Map<string, string[]>; writes: string[]; imports: string[] } {
  const tables = new Map<string, string[]>();
  const writes: string[] = [];
  const imports: string[] = [];
  for (const feature of readdirSync(LIBS)) {
    if (feature === 'testing' || !statSync(join(LIBS, feature)).isDirectory()) continue;
    for (const file of sources(join(LIBS, feature, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(PATH_IMPORT)) imports.push(`${relative(LIBS, file)}: ${match[1]}`);
      for (const match of text.matchAll(SQL_WRITE)) {
        if (foreign(match[1], feature)) writes.push(`${relative(LIBS, file)} writes ${match[1]}`);
      }
      for (const match of text.matchAll(SQL_READ)) {
        if (!foreign(match[1], feature)) continue;
        const key = `${feature} → ${match[1]}`;
        tables.set(key, [...(tables.get(key) ?? []), relative(LIBS, file)]);
      }
    }
  }
  return { tables, writes, imports };
}

describe('feature boundaries', () => {
  const found = crossings();

  it('imports other libraries only through their public entry', () => {
    expect(found.imports).toEqual([]);
  });

  it('never writes another feature’s table: changes go through the owner’s service', () => {
    expect(found.writes).toEqual([]);
  });

  it('reads another feature’s table in SQL only where KNOWN_CROSSINGS says why', () => {
    const unexplained = [...found.tables]
      .filter(([key]) => !(key in KNOWN_CROSSINGS))
      .map(([key, files]) => `${key} (${[...new Set(files)].join(', ')})`);
    expect(unexplained).toEqual([]);
  });

  it('keeps KNOWN_CROSSINGS to crossings that still exist, so the list only shrinks', () => {
    expect(Object.keys(KNOWN_CROSSINGS).filter((key) => !found.tables.has(key))).toEqual([]);
  });

  it('recognises a crossing when it sees one', () => {
    const probe = 'SELECT 1 FROM reviews r JOIN users u ON u.id = r.submitted_by';
    expect([...probe.matchAll(SQL_READ)].map((match) => match[1])).toEqual(['reviews', 'users']);
    const write = 'UPDATE claims SET x = 1; INSERT INTO notes (a) VALUES (1); DELETE FROM stances';
    expect([...write.matchAll(SQL_WRITE)].map((match) => match[1])).toEqual(['claims', 'notes', 'stances']);
    expect([...write.matchAll(SQL_READ)]).toHaveLength(0);
    expect([...`import { x } from '@claimdesk/claims/claim-rows';`.matchAll(PATH_IMPORT)]).toHaveLength(1);
    expect([...`import { x } from '../../claims/src/claim-rows';`.matchAll(PATH_IMPORT)]).toHaveLength(1);
    expect([...`import { x } from '@claimdesk/claims';`.matchAll(PATH_IMPORT)]).toHaveLength(0);
  });
});
