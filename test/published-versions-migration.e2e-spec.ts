import { createUserSession, startTestApi, TestApi } from '@claimdesk/testing';
import { DataSource } from 'typeorm';
import { PublishedVersions1764271300000 } from '../migrations/1764271300000-published-versions';

/**
 * The migration reconstructs published versions for claims published before it: run again over
 * versions that `publish` wrote (nothing changed since), it must give back the same rows. Runs in a
 * transaction that is rolled back, so the run's database is left as it was whatever happens.
 */
describe('published versions migration', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());
  it('reconstructs the versions publish writes, corrections and reasons included', async () => {
    const ed = await createUserSession(api, { roles: ['editor'] });
    const ed2 = await createUserSession(api, { roles: ['editor'] });
    const fc = await createUserSession(api, { roles: ['fact_checker'] });
    const r = async (s: any, method: any, url: string, payload?: any) => {
      const res = await api.request({ method, url, as: 'anonymous', headers: s.headers, payload });
      expect(res.statusCode).toBeLessThan(300);
      return res.data;
    };
    // Other suites change claims after publishing them on purpose: compare ours only.
    const ours: string[] = [];
    for (const n of [1, 2]) {
      const c = await r(fc, 'POST', '/v1/claims', {
        text: `Backfill ${n}`,
        source: {
          url: `https://n.example.org/${n}`,
          title: 'T',
          outlet: 'O',
          publishedAt: '2022-01-01T00:00:00Z',
        },
        stances: [
          {
            actor: { name: `P${n}`, kind: 'person', title: 'X' },
            type: 'asserted',
            statedAt: '2022-01-02T00:00:00Z',
            sourceUrl: `https://v.example.org/${n}`,
          },
          {
            actor: { name: `Q${n}`, kind: 'group' },
            type: 'repeated',
            sourceUrl: `https://n.example.org/${n}`,
          },
          {
            actor: { name: `R${n}`, kind: 'government' },
            type: 'rejected',
            sourceUrl: `https://r.example.org/${n}`,
          },
        ],
      });
      ours.push(c.id);
      await r(fc, 'POST', `/v1/claims/${c.id}/evidence`, {
        kind: 'document',
        summary: 'doc',
        relation: 'refutes',
      });
      await r(ed, 'POST', `/v1/claims/${c.id}/triage`, {});
      await r(ed, 'POST', `/v1/claims/${c.id}/assign`, { assigneeId: fc.principal.id });
      await r(fc, 'POST', `/v1/claims/${c.id}/start`, {});
      await r(fc, 'POST', `/v1/claims/${c.id}/submit`, {
        verdict: 'false',
        summary: 's',
        evidenceStatus: 'debunked',
      });
      await r(ed, 'POST', `/v1/claims/${c.id}/publish`, {});
      if (n === 2) {
        await r(ed, 'POST', `/v1/claims/${c.id}/reopen`, { reason: 'Why' });
        await r(fc, 'POST', `/v1/claims/${c.id}/submit`, {
          verdict: 'mixed',
          summary: 's2',
          evidenceStatus: 'disputed',
        });
        await r(ed2, 'POST', `/v1/claims/${c.id}/publish`, {});
      }
    }
    const db = api.app.get(DataSource);
    const q = `SELECT claim_id, version, review_id, published_at, language, text, summary, verdict, rating, evidence_status, stances, evidence, appearances, correction, submitted_by, approved_by FROM published_versions WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, version`;
    const before = await db.query(q, [ours]);
    expect(before).toHaveLength(3);
    expect(before.find((row: any) => row.version === 2)?.correction).toMatchObject({ reason: 'Why' });
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      const migration = new PublishedVersions1764271300000();
      await migration.down(runner);
      await migration.up(runner);
      expect(await runner.query(q, [ours])).toEqual(before);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
