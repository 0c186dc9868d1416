import { poolOf } from '@claimdesk/platform';
import { startTestApi, TestApi, waitFor } from '@claimdesk/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The API's pooled connections name themselves in pg_stat_activity (see data-source-options.ts). */
const API_CONNECTIONS = `application_name = 'claimdesk' AND datname = current_database() AND pid <> pg_backend_pid()`;

describe('PostgreSQL connection loss', () => {
  let api: TestApi;
  let db: Client;

  beforeAll(async () => {
    api = await startTestApi();
    db = new Client({ connectionString: api.config.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.query('ROLLBACK').catch(() => undefined);
    await db?.end();
    await api?.close();
  });

  it('survives a session ended while a client is checked out between two queries', async () => {
    // pg-pool takes its own error listener off a checked-out client: with no other, the error event
    // PostgreSQL's termination raises would end this process, and jest with it.
    const pool = poolOf(api.app.get(DataSource));
    const held = await pool.connect();
    const [{ pid }] = (await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    let ended = false;
    held.once('end', () => (ended = true));
    await db.query('SELECT pg_terminate_backend($1)', [pid]);
    await waitFor(() => ended, 15_000, { message: 'the held session to end' });
    await expect(held.query('SELECT 1')).rejects.toThrow();
    held.release(true);
    expect((await api.request({ method: 'GET', url: '/v1/claims' })).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After when its backend is terminated mid-request, and recovers', async () => {
    // Signs the admin in and warms the pool, so the request below only waits on the claims table.
    expect((await api.request({ method: 'GET', url: '/v1/claims' })).statusCode).toBe(200);

    // Holding the claims table keeps the next request's query waiting until its backend is killed.
    await db.query('BEGIN');
    await db.query('LOCK TABLE claims IN ACCESS EXCLUSIVE MODE');
    const pending = api.request({ method: 'GET', url: '/v1/claims' });
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM pg_stat_activity WHERE ${API_CONNECTIONS} AND wait_event_type = 'Lock'`,
          )
        ).rowCount,
      15_000,
      { message: 'the request to wait on the claims table' },
    );
    const { rows } = await db.query<{ terminated: number }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS terminated
         FROM pg_stat_activity WHERE ${API_CONNECTIONS}`,
    );
    expect(rows[0].terminated).toBeGreaterThan(0);
    await db.query('ROLLBACK');

    const response = await pending;
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.data).toMatchObject({ status: 503, title: 'Service unavailable' });

    // The pool replaces the dead connections: the retry the client was told to make succeeds.
    await waitFor(
      async () => (await api.request({ method: 'GET', url: '/v1/claims' })).statusCode === 200,
      15_000,
      { message: 'the API to answer again' },
    );
  });

  it('answers 503 for requests that meet connections killed while idle', async () => {
    // The pool learns of an idle connection's death only when it next uses it: no request may get a 500.
    const statuses: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE ${API_CONNECTIONS}`);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => api.request({ method: 'GET', url: '/v1/claims' })),
      );
      statuses.push(...responses.map((response) => response.statusCode));
      for (const response of responses)
        if (response.statusCode === 503) expect(response.headers['retry-after']).toBeDefined();
    }
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
  });
});
