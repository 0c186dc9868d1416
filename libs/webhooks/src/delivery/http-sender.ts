import http, { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ResolvedAddress, SafeTarget } from '../ssrf/ssrf-guard';

/** Response bodies are kept for the delivery log up to this size. */
export const SNIPPET_BYTES = 1024;

export interface SendResult {
  /** Null when no response arrived (connection error, timeout). */
  statusCode: number | null;
  headers: IncomingHttpHeaders;
  durationMs: number;
  snippet: string | null;
  error: string | null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/**
 * A `lookup` that answers with the addresses the SSRF guard already checked, so the socket
 * connects to exactly those and no second DNS query can be steered elsewhere. Node asks with
 * `all: true` when it races address families (autoSelectFamily), otherwise for one address.
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
    const wanted =
      options?.family === 4 || options?.family === 6
        ? addresses.filter((entry) => entry.family === options.family)
        : addresses;
    if (!wanted.length) {
      const error = Object.assign(new Error('no checked address of the requested family'), {
        code: 'ENOTFOUND',
      });
      callback(error, options?.all ? [] : '', 0);
      return;
    }
    if (options?.all)
      callback(
        null,
        wanted.map((entry) => ({ ...entry })),
      );
    else callback(null, wanted[0].address, wanted[0].family);
  }) as LookupFunction;
}

/** Agents kept at once; beyond it the oldest is closed (endpoints are few, hosts fewer). */
const MAX_AGENTS = 256;
const agents = new Map<string, http.Agent>();

/**
 * A keep-alive agent per (URL origin, checked addresses): a connection is only ever reused for the
 * same host at the same addresses the SSRF guard passed, so pinning holds as with a fresh socket,
 * and a busy endpoint is not paid a TCP (and TLS) handshake per delivery.
 */
function agentFor(target: SafeTarget): http.Agent {
  const key = `${target.url.origin}|${target.addresses.map((entry) => entry.address).join(',')}`;
  let agent = agents.get(key);
  if (!agent) {
    // As many idle sockets kept as may be open: a burst's next batch reuses every one of them,
    // where closing all but a few made both sides pay a connection per delivery again.
    const options = { keepAlive: true, maxSockets: 64, maxFreeSockets: 64, timeout: 30_000 };
    agent = target.url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
    if (agents.size > MAX_AGENTS) {
      const [oldest] = agents.keys();
      agents.get(oldest)?.destroy();
      agents.delete(oldest);
    }
  }
  return agent;
}

/**
 * POSTs one delivery. Redirects are not followed (Node's http never does), the whole exchange is
 * bounded by `timeoutMs`, and only the first SNIPPET_BYTES of the answer are kept. The Host header
 * and TLS server name stay the URL's host name although the socket goes to the pinned address.
 */
export function sendWebhook(
  target: SafeTarget,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SendResult> {
  const started = Date.now();
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: Date.now() - started });
    };
    const request = client.request(
      target.url,
      {
        method: 'POST',
        // A fresh connection per delivery: a pooled socket could belong to an earlier resolution.
        agent: agentFor(target),
        lookup: pinnedLookup(target.addresses),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'claimdesk-webhooks/1',
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept >= SNIPPET_BYTES) return;
          chunks.push(chunk.subarray(0, SNIPPET_BYTES - kept));
          kept += Math.min(chunk.length, SNIPPET_BYTES - kept);
          // Enough for the log: stop reading a large (or endless) answer.
          if (kept >= SNIPPET_BYTES) done();
        });
        const done = () => {
          const snippet = snippetOf(Buffer.concat(chunks));
          finish({
            statusCode: response.statusCode ?? null,
            headers: response.headers,
            snippet,
            error: null,
          });
          response.destroy();
        };
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      finish({ statusCode: null, headers: {}, snippet: null, error: `timed out after ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) =>
      finish({ statusCode: null, headers: {}, snippet: null, error: error.message || String(error) }),
    );
    request.end(body);
  });
}

/** The kept bytes as text, without a multi-byte character cut in half at the end. */
function snippetOf(bytes: Buffer): string | null {
  if (!bytes.length) return null;
  let text = bytes.toString('utf8');
  while (Buffer.byteLength(text) > SNIPPET_BYTES) text = text.slice(0, -1);
  return text.replace(/\uFFFD+$/, '');
}
