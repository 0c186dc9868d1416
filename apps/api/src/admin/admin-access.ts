import '@fastify/cookie';
import { AuthenticationError, AuthService } from '@claimdesk/auth';
import { Principal, PROBLEM_CONTENT_TYPE, problemFor } from '@claimdesk/platform';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { REFRESH_COOKIE } from '../auth/browser-session';

/** The cookie that earlier versions set to the raw access token; cleared wherever it still turns up. */
const LEGACY_ADMIN_COOKIE = 'claimdesk_admin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function problem(reply: FastifyReply, status: number, detail: string): FastifyReply {
  return reply.code(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problemFor(status, detail));
}

/**
 * Guards a raw Fastify route tree (Bull Board is not a Nest controller, so the global AuthGuard
 * never sees it) for admins only: 401 problem+json without valid credentials, 403 for other roles.
 *
 * Credentials: the `Authorization` header (API clients, tests), or the browser session that
 * `POST /v1/auth/login` with `session: "cookie"` started (its `claimdesk_refresh` cookie, checked
 * without rotating it). No token is ever taken from the URL. The cookie is SameSite=Strict, so other
 * sites cannot make a browser use it for the dashboard's retry/clean/remove calls; those calls must
 * also not come from another site according to the browser's `Sec-Fetch-Site`.
 */
export function adminOnly(auth: AuthService, path: string): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.cookies?.[LEGACY_ADMIN_COOKIE] !== undefined) {
      void reply.header(
        'set-cookie',
        `${LEGACY_ADMIN_COOKIE}=; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=0`,
      );
    }
    const header = request.headers.authorization;
    const sessionCookie = request.cookies?.[REFRESH_COOKIE];

    let principal: Principal;
    try {
      principal =
        header === undefined && sessionCookie
          ? await auth.authenticateBrowserSession(sessionCookie)
          : await auth.authenticate(header);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      void reply.header(
        'www-authenticate',
        error.code
          ? `Bearer realm="claimdesk", error="${error.code}", error_description="${error.message.replace(/"/g, "'")}"`
          : 'Bearer realm="claimdesk"',
      );
      const hint =
        header === undefined && !sessionCookie
          ? ' Sign in with a browser session (POST /v1/auth/login with "session": "cookie") first.'
          : '';
      return problem(reply, 401, `${error.message}${hint}`);
    }
    if (!principal.roles.includes('admin')) {
      return problem(reply, 403, 'The queue dashboard needs the role admin.');
    }
    const site = request.headers['sec-fetch-site'];
    if (
      header === undefined &&
      !SAFE_METHODS.has(request.method) &&
      site !== undefined &&
      site !== 'same-origin'
    ) {
      return problem(reply, 403, 'Changes to the queues must come from the dashboard itself.');
    }
    (request as FastifyRequest & { principal?: Principal }).principal = principal;
  };
}
