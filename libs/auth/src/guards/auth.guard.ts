import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import {
  ALLOWED_ROLES,
  Principal,
  ProblemException,
  PUBLIC_ROUTE,
  RequestWithPrincipal,
  Role,
  ROLE_REFUSAL_DEFERRED,
  RouteMetadata,
} from '@claimdesk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationError, AuthService } from '../auth.service';
import { PrincipalCache, tokenExpiry } from './principal-cache';
import { ACCEPTS_STREAM_TOKEN } from './stream-token';

/** Roles a route allows, as declared by `@Roles(...)`; `admin` may always. */
export function mayCall(allowed: readonly Role[] | undefined, held: readonly Role[]): boolean {
  if (!allowed) return true;
  return held.some((role) => role === 'admin' || allowed.includes(role));
}

/**
 * The one global guard: resolves `Authorization: Bearer <access token | ck_ key>` into
 * `request.principal`, then applies `@Public()` and `@Roles(...)`. Missing or bad credentials
 * → 401 with `WWW-Authenticate`; the wrong role → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: RouteMetadata,
    private readonly auth: AuthService,
    private readonly principals: PrincipalCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithPrincipal>();
    const targets = [context.getHandler(), context.getClass()];
    const authorization = request.headers.authorization;

    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      // Credentials are optional here: use them when they are good, ignore them when not.
      if (authorization) request.principal = await this.authenticate(authorization).catch(() => undefined);
      return true;
    }

    try {
      request.principal = await this.resolve(request, targets, authorization);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      const challenge = error.code
        ? `Bearer realm="claimdesk", error="${error.code}", error_description="${error.message.replace(/"/g, "'")}"`
        : 'Bearer realm="claimdesk"';
      void http.getResponse<FastifyReply>().header('www-authenticate', challenge);
      throw new ProblemException(401, error.message);
    }

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    const deferred = this.reflector.getAllAndOverride<boolean>(ROLE_REFUSAL_DEFERRED, targets) ?? false;
    if (!deferred && !mayCall(allowed, request.principal.roles)) {
      throw new ProblemException(
        403,
        `This needs the role ${[...new Set<Role>(['admin', ...(allowed ?? [])])].join(' or ')}.`,
      );
    }
    return true;
  }

  /** The Authorization header, or (only on routes that accept one, and only without a header) a stream token. */
  private resolve(
    request: FastifyRequest,
    targets: Parameters<RouteMetadata['getAllAndOverride']>[1],
    authorization: string | undefined,
  ): Promise<Principal> {
    const streamToken = (request.query as Record<string, unknown> | undefined)?.token;
    if (
      authorization === undefined &&
      typeof streamToken === 'string' &&
      this.reflector.getAllAndOverride<boolean>(ACCEPTS_STREAM_TOKEN, targets)
    ) {
      return this.auth.authenticateStreamToken(streamToken);
    }
    return this.authenticate(authorization);
  }

  /** AuthService.authenticate, skipped for an access token seen in the last few seconds (see PrincipalCache). */
  private async authenticate(authorization: string | undefined): Promise<Principal> {
    const cached = authorization ? this.principals.get(authorization) : undefined;
    if (cached) return cached;
    const principal = await this.auth.authenticate(authorization);
    if (authorization && principal.kind === 'user') {
      const token = authorization.slice(authorization.lastIndexOf(' ') + 1).trim();
      this.principals.set(authorization, principal, tokenExpiry(token));
    }
    return principal;
  }
}
