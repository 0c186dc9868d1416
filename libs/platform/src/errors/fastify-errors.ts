import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemFor } from './problem';

/**
 * Errors Fastify answers itself, before a route (and so Nest's exception filter) is reached,
 * rewritten as problem+json like every other error. Pass these as FastifyAdapter options.
 */
export const frameworkErrors = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The URL contains an escape sequence that is not valid UTF-8.'
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'A path parameter is too long.'
        : 'The request is malformed.';
  void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problemFor(status, detail));
};

const clientErrors: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive.'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request headers are too large.'],
};

/** Malformed HTTP the parser refuses before there is a request object: answered on the raw socket. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, detail] = clientErrors[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'The request is not valid HTTP.',
  ];
  const body = JSON.stringify(problemFor(status, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * While the server drains (after `close()`), requests still arriving on open keep-alive connections
 * are answered 503 problem+json with `Retry-After`, instead of Fastify's own `return503OnClosing`
 * body; pass `return503OnClosing: false` with this.
 */
export function answerUnavailableWhileClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    void reply.header('connection', 'close').header('retry-after', '1');
    throw new ProblemException(503, 'This instance is shutting down; send the request again.');
  });
}
