import type { FastifyInstance } from 'fastify';
import { ProblemException } from '../errors/problem';

/** Weak validators are enough: `version` changes with every write to the resource. */
export const etagFor = (version: number) => `W/"${version}"`;

/**
 * Honours `If-Match`: absent means "no precondition"; `*` matches any existing version;
 * otherwise one of the listed tags must equal the current version, or the write is refused with 412.
 */
export function assertIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!tags.includes(`"${currentVersion}"`)) {
    throw new ProblemException(412, `The resource has changed: it is at version ${currentVersion}.`, {
      currentVersion,
    });
  }
}

/** `If-None-Match` (RFC 9110 §13.1.2): weak comparison, so `W/"3"` and `"3"` both match version 3; `*` matches any. */
export function noneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return true;
  if (ifNoneMatch.trim() === '*') return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return !ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

const isVersioned = (body: unknown): body is { version: number } =>
  typeof body === 'object' && body !== null && Number.isInteger((body as { version?: unknown }).version);

/**
 * Every response that is one versioned resource carries its `ETag`, whichever route produced it
 * (a GET, a PATCH, a workflow action, an idempotent replay), so `If-Match` always has a tag to send.
 * A Fastify hook on the body before it is serialised, rather than a Nest interceptor: an interceptor
 * wraps every request in an rxjs pipeline and an async resource, about a twentieth of what a GET
 * allocates.
 */
export function tagVersionedResponses(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    if (isVersioned(payload) && !reply.hasHeader('etag')) void reply.header('etag', etagFor(payload.version));
    done(null, payload);
  });
}

/**
 * A GET whose `If-None-Match` already names the current ETag is answered 304 without a body. It runs
 * at send time, after `tagVersionedResponses` set the tag, so every route that serves a versioned
 * resource gets it.
 */
export function answerNotModified(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const etag = reply.getHeader('etag');
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      reply.statusCode !== 200 ||
      typeof etag !== 'string' ||
      noneMatch(request.headers['if-none-match'], etag)
    ) {
      return payload;
    }
    void reply.code(304).removeHeader('content-type').removeHeader('content-length');
    return null;
  });
}
