import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { round } from './http-pairs';

export interface WebhookFigures {
  endpoints: number;
  /** Events relayed and delivered, unmeasured, before the burst: a worker's first thousands of jobs run cold. */
  warmUpEvents: number;
  warmUpSeconds: number;
  burstEvents: number;
  burstDeliveries: number;
  burstSeconds: number;
  deliveriesPerSecond: number;
  sustainedEventsPerSecond: number;
  sustainedDeliveries: number;
  p50Ms: number;
  p99Ms: number;
  badSignatures: number;
  outOfOrder: number;
}

interface Receipt {
  at: number;
  eventAt: number;
}

/**
 * A local receiver for N endpoints that verifies every signature with `standardwebhooks`, and
 * checks per-(endpoint, claim) order from the number (`version`) each event carries.
 */
class Receiver {
  readonly receipts: Receipt[] = [];
  badSignatures = 0;
  outOfOrder = 0;
  private readonly lastSeq = new Map<string, number>();
  private readonly verifiers: Webhook[] = [];
  private server?: Server;

  async listen(): Promise<number> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const at = Date.now();
        const body = Buffer.concat(chunks).toString();
        const endpoint = Number(request.url?.split('/').pop());
        try {
          this.verifiers[endpoint].verify(body, request.headers as Record<string, string>);
        } catch {
          this.badSignatures++;
        }
        const event = JSON.parse(body) as {
          timestamp: string;
          data: { claim: { id: string } | null; changes: { version?: number } };
        };
        const key = `${endpoint}/${event.data.claim?.id}`;
        const seq = event.data.changes.version ?? 0;
        if ((this.lastSeq.get(key) ?? -1) > seq) this.outOfOrder++;
        this.lastSeq.set(key, seq);
        this.receipts.push({ at, eventAt: Date.parse(event.timestamp) });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  addSecret(secret: string): void {
    this.verifiers.push(new Webhook(secret));
  }

  async waitFor(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.receipts.length < count) {
      if (Date.now() > deadline)
        throw new Error(`only ${this.receipts.length} of ${count} webhook deliveries arrived`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Inserts `count` claim.updated events spread over `claims`, numbered per claim, in one statement. */
async function insertEvents(db: Client, claims: string[], count: number, firstSeq: number): Promise<void> {
  await db.query(
    `INSERT INTO events (type, claim_id, actor_kind, payload)
     SELECT 'claim.updated', ($1::uuid[])[1 + (n % cardinality($1::uuid[]))], NULL,
            -- A change the public may see (webhooks carry only that): the priority; version numbers the events.
            jsonb_build_object('version', $3::int + n, 'before', jsonb_build_object('priority', 'low'),
                               'after', jsonb_build_object('priority', 'high'))
       FROM generate_series(0, $2 - 1) AS n`,
    [claims, count, firstSeq],
  );
}

/**
 * The webhook pipeline end to end (outbox relay → fan-out → delivery → receiver): `warmUp` events
 * delivered unmeasured (a fresh worker runs its first thousands of jobs before V8 has optimised them), then
 * a burst of `burst` events × the endpoints, then `rate` events/s for `seconds`, commit to receipt.
 */
export async function webhookFigures(options: {
  api: string;
  headers: Record<string, string>;
  databaseUrl: string;
  endpoints: number;
  warmUp: number;
  burst: number;
  rate: number;
  seconds: number;
}): Promise<WebhookFigures> {
  const receiver = new Receiver();
  const port = await receiver.listen();
  const db = new Client({ connectionString: options.databaseUrl });
  await db.connect();
  try {
    for (let index = 0; index < options.endpoints; index++) {
      const response = await fetch(`${options.api}/v1/webhooks`, {
        method: 'POST',
        headers: options.headers,
        body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook/${index}`, events: ['claim.updated'] }),
      });
      if (!response.ok) throw new Error(`webhook create: ${response.status} ${await response.text()}`);
      receiver.addSecret(((await response.json()) as { secret: string }).secret);
    }
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM claims WHERE status = 'published' ORDER BY created_at DESC LIMIT 250`,
    );
    const claims = rows.map((row) => row.id);

    const warmUpStarted = Date.now();
    await insertEvents(db, claims, options.warmUp, 0);
    await receiver.waitFor(options.warmUp * options.endpoints, 180_000);
    receiver.receipts.splice(0);
    const warmUpSeconds = (Date.now() - warmUpStarted) / 1000;

    await insertEvents(db, claims, options.burst, options.warmUp);
    const burstDeliveries = options.burst * options.endpoints;
    await receiver.waitFor(burstDeliveries, 180_000);
    const burst = receiver.receipts.splice(0);
    const first = Math.min(...burst.map((receipt) => receipt.eventAt));
    const last = Math.max(...burst.map((receipt) => receipt.at));
    const burstSeconds = (last - first) / 1000;

    const perTick = Math.max(1, Math.round(options.rate / 10));
    const ticks = options.seconds * 10;
    for (let tick = 0; tick < ticks; tick++) {
      const started = Date.now();
      await insertEvents(db, claims, perTick, options.warmUp + options.burst + tick * perTick);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - started))));
    }
    const sustainedDeliveries = perTick * ticks * options.endpoints;
    await receiver.waitFor(sustainedDeliveries, 120_000);
    const latencies = receiver.receipts.map((receipt) => receipt.at - receipt.eventAt);
    return {
      endpoints: options.endpoints,
      warmUpEvents: options.warmUp,
      warmUpSeconds: round(warmUpSeconds, 2),
      burstEvents: options.burst,
      burstDeliveries,
      burstSeconds: round(burstSeconds, 2),
      deliveriesPerSecond: Math.round(burstDeliveries / burstSeconds),
      sustainedEventsPerSecond: perTick * 10,
      sustainedDeliveries,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      badSignatures: receiver.badSignatures,
      outOfOrder: receiver.outOfOrder,
    };
  } finally {
    await db.end();
    await receiver.close();
  }
}
