import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { RequestWithPrincipal } from '@claimdesk/platform';
import { RateLimitedException } from './rate-limited.exception';

/**
 * One budget per caller across all routes: the signed-in user or API key when there is one
 * (the auth guard runs first), the client address otherwise.
 */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: RequestWithPrincipal & { ip?: string }): Promise<string> {
    const principal = request.principal;
    return principal ? `${principal.kind}:${principal.id}` : `ip:${request.ip ?? 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return tracker;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    throw new RateLimitedException(`Too many requests. Try again in ${seconds} seconds.`, seconds);
  }
}
