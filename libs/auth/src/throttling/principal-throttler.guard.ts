import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { RequestWithPrincipal, RouteMetadata } from '@claimdesk/platform';
import { RateLimitedException } from './rate-limited.exception';

/**
 * One budget per caller across all routes: the signed-in user or API key when there is one
 * (the auth guard runs first), the client address otherwise.
 */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  // The throttler reads six metadata keys per request; RouteMetadata answers them from memory.
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    metadata: RouteMetadata,
  ) {
    super(options, storage, metadata);
  }

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
