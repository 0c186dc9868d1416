import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The bare baseline: Fastify and `pg` against the same PostgreSQL database as claimdesk, no
 * framework, auth, validation or logging. `GET /v1/claims/:id` runs claimdesk's own view statement
 * (CLAIM_VIEW_SQL, handed over by bench/run.ts) and returns its row; `POST /v1/claims` inserts a
 * claim and its `claim.created` event in one transaction. Its statements are named, so PostgreSQL
 * parses and plans each once per connection, as claimdesk's hot paths do (`preparedQuery`). The
 * ratio of claimdesk to this is what our own stack costs per request beyond the database work.
 */
const VIEW_SQL = process.env.CLAIM_VIEW_SQL;
if (!VIEW_SQL) throw new Error('CLAIM_VIEW_SQL: the view statement to serve (bench/run.ts sets it)');
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/v1/claims/:id', async (request, reply) => {
  const { rows } = await pool.query({ name: 'claim-view', text: VIEW_SQL, values: [request.params.id] });
  if (!rows.length) return reply.code(404).send({ status: 404 });
  return rows[0];
});

app.post<{ Body: { text: string; tags?: string[] } }>('/v1/claims', async (request, reply) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query({
      name: 'insert-claim',
      text: `INSERT INTO claims (text, tags) VALUES ($1, $2) RETURNING id, text, tags, status, version, created_at`,
      values: [request.body.text, request.body.tags ?? []],
    });
    await client.query({
      name: 'insert-event',
      text: `INSERT INTO events (type, claim_id, payload) VALUES ('claim.created', $1, $2)`,
      values: [rows[0].id, { version: 1, claim: { text: request.body.text } }],
    });
    await client.query('COMMIT');
    return reply.code(201).send(rows[0]);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});

app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).then((address) => {
  process.stdout.write(`listening ${address}\n`);
});
