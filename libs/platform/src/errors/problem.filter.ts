import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { BODY_LIMIT_BYTES, BODY_MEDIA_TYPE } from '../http/json-body';
import { CONNECTION_LOSS_RETRY_AFTER_SECONDS, isConnectionLoss } from './connection-loss';
import { DomainError, DomainErrorKind } from './domain-error';
import { Problem, PROBLEM_CONTENT_TYPE, problemFor } from './problem';

/** The one place a domain refusal becomes an HTTP status. */
const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

/** PostgreSQL errors that mean the input was bad, not that we failed. */
const clientSqlStates: Record<string, [number, string]> = {
  '22P02': [400, 'A value has the wrong format.'],
  '22001': [400, 'A value is too long.'],
  '22003': [400, 'A number is out of range.'],
  '22007': [400, 'A date or time has the wrong format.'],
  '22008': [400, 'A date or time is out of range.'],
  '22021': [400, 'A value contains bytes that are not valid UTF-8.'],
  '23505': [409, 'A resource with the same unique value already exists.'],
  '23503': [409, 'A referenced resource does not exist or is still in use.'],
  '23514': [400, 'A value is not allowed.'],
  '54000': [400, 'A value is too large to index or process.'],
  // statement_timeout (DB_STATEMENT_TIMEOUT_MS) cancelled the query: the service is busy, not broken.
  '57014': [503, 'The request took too long; try again or narrow it.'],
};

/** Turns every failure into an RFC 9457 problem+json response; only real faults are 5xx and logged as errors. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const problem = toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, url: request?.url, reqId: request?.id }, 'request failed');
    }
    if (reply.sent) return;
    if (isConnectionLoss(exception)) reply.header('retry-after', String(CONNECTION_LOSS_RETRY_AFTER_SECONDS));
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

/** Maps any thrown value to the problem the client sees. */
export function toProblem(exception: unknown, request?: FastifyRequest): Problem {
  if (exception instanceof DomainError) {
    return problemFor(STATUS_OF[exception.kind], exception.detail, exception.details);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'object' && body !== null && 'type' in body && 'title' in body)
      return body as Problem;
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const detail = Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string'
        ? message
        : undefined;
    if (status === 404 && request && detail?.startsWith('Cannot ')) {
      return problemFor(404, `No route matches ${request.method} ${request.url.split('?')[0]}.`);
    }
    return problemFor(status, bodyRefusal(status, request) ?? detail);
  }
  if (isConnectionLoss(exception)) {
    return problemFor(503, 'The database is unreachable for a moment; retry the request.');
  }
  if (exception instanceof QueryFailedError) {
    const code = (exception.driverError as { code?: string } | undefined)?.code ?? '';
    const known = clientSqlStates[code];
    if (known) return problemFor(known[0], known[1]);
    return problemFor(500, 'The request could not be completed.');
  }
  const fastifyError = exception as FastifyLikeError;
  if (
    typeof fastifyError?.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return problemFor(fastifyError.statusCode, fastifyDetail(fastifyError, request));
  }
  return problemFor(500, 'The request could not be completed.');
}

/**
 * Fastify's refusals of a body, in our words. Nest hands them to this filter as plain
 * HttpExceptions (status and Fastify's message, no code), so they are told apart by status.
 */
function bodyRefusal(status: number, request?: FastifyRequest): string | undefined {
  if (status === 413) {
    return `The request body is larger than the limit of ${BODY_LIMIT_BYTES} bytes.`;
  }
  if (status === 415) {
    const accepted = `send it as ${BODY_MEDIA_TYPE}, the only media type accepted.`;
    const header = request?.headers['content-type'];
    if (!header) return `The request body has no Content-Type; ${accepted}`;
    const sent = mediaTypeOf(header);
    return sent
      ? `The request body is ${sent}; ${accepted}`
      : `The request body's Content-Type is not a media type; ${accepted}`;
  }
  return undefined;
}

/** The media type a Content-Type names, when it looks like one (a header is not echoed as free text). */
function mediaTypeOf(header: string | string[]): string | undefined {
  const type = typeof header === 'string' ? header.split(';')[0].trim().toLowerCase() : '';
  return /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/.test(type) ? type : undefined;
}

function fastifyDetail(error: FastifyLikeError, request?: FastifyRequest): string {
  return bodyRefusal(error.statusCode ?? 0, request) ?? error.message ?? 'The request is malformed.';
}
