import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { DestinationStream, Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { withoutQueryTokens, withoutSecretFields, withoutSecretHeaders } from './request-redaction';

type LoggingConfig = Pick<AppConfig, 'LOG_LEVEL'>;

/** Headers only when debugging: at info a request line is the request, its status and its time. */
function logsHeaders(config: LoggingConfig): boolean {
  return config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
}

/** A Fastify request as a log line shows it: credentials in the URL, query and headers redacted. */
export function loggedRequest(request: FastifyRequest, withHeaders: boolean): Record<string, unknown> {
  const summary = {
    method: request.method,
    url: withoutQueryTokens(request.url ?? ''),
    remoteAddress: request.ip,
  };
  if (!withHeaders) return summary;
  return {
    ...summary,
    query: withoutSecretFields(request.query),
    headers: request.headers ? withoutSecretHeaders(request.headers) : undefined,
  };
}

export function loggedReply(reply: FastifyReply, withHeaders: boolean): Record<string, unknown> {
  return withHeaders
    ? { statusCode: reply.statusCode, headers: withoutSecretHeaders(reply.getHeaders?.() ?? {}) }
    : { statusCode: reply.statusCode };
}

/**
 * The one pino logger of a process. The API hands it to Fastify, whose per-request child loggers
 * carry the request id, and to nestjs-pino, so Nest's own logs and the request lines share one
 * destination and one set of redactions.
 */
export function createRootLogger(config: LoggingConfig, destination?: DestinationStream): Logger {
  const withHeaders = logsHeaders(config);
  return pino(
    {
      level: config.LOG_LEVEL,
      redact: { paths: ['*.password', '*.secret', '*.key'], censor: '[redacted]' },
      serializers: {
        req: (request: FastifyRequest) => loggedRequest(request, withHeaders),
        res: (reply: FastifyReply) => loggedReply(reply, withHeaders),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
