import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The bare baseline: Fastify and `pg` against the same PostgreSQL database as claimdesk, no
 * framework, auth, validation or logging. `GET /v1/claims/:id` reads the claim row with its stances
 * (as claimdesk's view does, in one statement); `POST /v1/claims` inserts a claim and its
 * `claim.created` event in one transaction. The ratio of claimdesk to this is what our own stack
 * costs per request beyond the database work itself.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/v1/claims/:id', async (request, reply) => {
  const { rows } = await pool.query(
    `SELECT c.id, c.text, c.summary, c.language, c.tags, c.priority, c.status, c.evidence_status, c.verdict,
            c.source_id, c.assignee_id, c.due_at, c.created_at, c.updated_at, c.version,
            (SELECT coalesce(json_agg(s ORDER BY s.created_at, s.id), '[]')
               FROM (SELECT s.id, s.type, s.quote, s.created_at, a.id AS actor_id, a.name AS actor_name
                       FROM stances s JOIN actors a ON a.id = s.actor_id WHERE s.claim_id = c.id) s) AS stances
       FROM claims c WHERE c.id = $1`,
    [request.params.id],
  );
  if (!rows.length) return reply.code(404).send({ status: 404 });
  return rows[0];
});

app.post<{ Body: { text: string; tags?: string[] } }>('/v1/claims', async (request, reply) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `INSERT INTO claims (text, tags) VALUES ($1, $2) RETURNING id, text, tags, status, version, created_at`,
      [request.body.text, request.body.tags ?? []],
    );
    await client.query(`INSERT INTO events (type, claim_id, payload) VALUES ('claim.created', $1, $2)`, [
      rows[0].id,
      { version: 1, claim: { text: request.body.text } },
    ]);
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
