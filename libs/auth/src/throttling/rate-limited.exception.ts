import { ArgumentsHost, Catch } from '@nestjs/common';
import { ProblemException, ProblemFilter } from '@claimdesk/platform';
import type { FastifyReply } from 'fastify';

/** 429 that knows how long to wait; `RetryAfterFilter` sends that as `Retry-After`. */
export class RateLimitedException extends ProblemException {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, detail, { retryAfter: retryAfterSeconds });
  }
}

/** Adds `Retry-After` and otherwise answers like every other error. */
@Catch(RateLimitedException)
export class RetryAfterFilter extends ProblemFilter {
  override catch(exception: RateLimitedException, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (!reply.sent) void reply.header('retry-after', String(exception.retryAfterSeconds));
    super.catch(exception, host);
  }
}
