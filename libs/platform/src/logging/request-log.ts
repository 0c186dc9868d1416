import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import { RequestSampler } from './request-sampler';

/**
 * Fastify's request lines, as the desk's operators read them: one line per finished request
 * (none for `/health`), at `error` for a failure, `warn` for a client error, and at `info` for the
 * successes the sampler lets through. Fastify's per-request logger carries the request id.
 */
export class RequestLog extends LogController {
  constructor(private readonly sampler: RequestSampler) {
    super({ disableRequestLogging: (request: FastifyRequest) => isHealthCheck(request.url) });
  }

  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const status = reply.statusCode;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error || status >= 500) reply.log.error({ ...line, err: error ?? undefined }, 'request failed');
    else if (status >= 400) reply.log.warn(line, 'request completed');
    else if (this.sampler.take()) reply.log.info(line, 'request completed');
  }
}

function isHealthCheck(url: string | undefined): boolean {
  return url?.startsWith('/health') ?? false;
}
