import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadDemoDesk, DEMO_PASSWORD } from '@claimdesk/demo';
import { ensureDatabase, loadConfig, runMigrations } from '@claimdesk/platform';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { createApi } from '../../api/src/create-api';
import { createWorker } from '../../worker/src/create-worker';

export interface Desk {
  base: string;
  api: NestFastifyApplication;
  worker: INestApplicationContext;
  receiver: Receiver;
  /** Calls the API as a demo user with a bearer token (set-up and checks only; the journeys use the browser). */
  call(email: string, method: string, path: string, body?: unknown): Promise<{ status: number; data: any }>;
  close(): Promise<void>;
}

export interface Receiver {
  url: string;
  secret?: string;
  /** Event types received with a valid Standard Webhooks signature. */
  verified: string[];
  rejected: number;
  server: Server;
}

/**
 * A desk of its own for the browser journeys: a fresh database and queue prefix, the real API
 * (serving the built dashboard at /app) and worker in this process, the demo desk loaded, and a
 * webhook receiver that verifies signatures with `standardwebhooks`.
 */
export async function startDesk(): Promise<Desk> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const base = loadConfig(process.env);
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/claimdesk_journeys_${runId}`;
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    QUEUE_PREFIX: `claimdesk_journeys_${runId}`,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.JOURNEY_LOG_LEVEL ?? 'silent',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_POLL_MS: '200',
    DASHBOARD_DIR: join(__dirname, '..', 'dist'),
  };
  await ensureDatabase(env.DATABASE_URL);
  await runMigrations(env.DATABASE_URL);
  const config = loadConfig(env);
  const worker = await createWorker(config, { handleSignals: false });
  const api = await createApi(config);
  await loadDemoDesk(api);
  await api.listen({ port: 0, host: '127.0.0.1' });
  const port = (api.getHttpServer().address() as AddressInfo).port;
  const origin = `http://localhost:${port}`;
  const receiver = await startReceiver();
  const tokens = new Map<string, string>();

  async function call(email: string, method: string, path: string, body?: unknown) {
    let token = tokens.get(email);
    if (!token) {
      const login = await fetch(`${origin}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      token = ((await login.json()) as { accessToken: string }).accessToken;
      tokens.set(email, token);
    }
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, data: text ? JSON.parse(text) : undefined };
  }

  return {
    base: origin,
    api,
    worker,
    receiver,
    call,
    async close() {
      receiver.server.close();
      await api.close();
      await worker.close();
      if (process.env.KEEP_TEST_DB) return;
      const admin = new URL(env.DATABASE_URL);
      admin.pathname = '/postgres';
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "claimdesk_journeys_${runId}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: '', verified: [], rejected: 0, server: undefined as unknown as Server };
  receiver.server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        if (!receiver.secret) throw new Error('no secret yet');
        const payload = new Webhook(receiver.secret).verify(
          body,
          request.headers as Record<string, string>,
        ) as {
          type: string;
        };
        receiver.verified.push(payload.type);
        response.writeHead(204).end();
      } catch {
        receiver.rejected++;
        response.writeHead(400).end();
      }
    });
  });
  return new Promise((resolve) =>
    receiver.server.listen(0, '127.0.0.1', () => {
      receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks/journeys`;
      resolve(receiver);
    }),
  );
}
