import { ACCESS_TOKEN_TTL_SECONDS, AuthenticationError, AuthService } from '@claimdesk/auth';
import { Principal, PROBLEM_CONTENT_TYPE, problemFor } from '@claimdesk/platform';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';

/** The cookie that carries an admin's access token to the dashboard's pages, assets and XHR calls. */
export const ADMIN_COOKIE = 'claimdesk_admin';

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The URL without its `token` parameter, so the credential leaves the address bar and history. */
function withoutToken(url: string): string {
  const parsed = new URL(url, 'http://x');
  parsed.searchParams.delete('token');
  return `${parsed.pathname}${parsed.search}`;
}

function problem(reply: FastifyReply, status: number, detail: string): FastifyReply {
  return reply.code(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problemFor(status, detail));
}

/**
 * Guards a raw Fastify route tree (Bull Board is not a Nest controller, so the global AuthGuard
 * never sees it) for admins only: 401 problem+json without valid credentials, 403 for other roles.
 *
 * Credentials, in this order: the `Authorization` header (API clients, tests); on a GET, an access
 * token in `?token=` (a browser opening the dashboard cannot send a header), which is moved into
 * an HttpOnly, SameSite=Strict cookie scoped to `path` and stripped from the URL by a redirect;
 * that cookie afterwards. The cookie lives as long as the access token, and SameSite=Strict keeps
 * other sites from making the browser use it for the dashboard's retry/clean/remove calls.
 */
export function adminOnly(auth: AuthService, path: string): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const queryToken = (request.query as Record<string, unknown> | undefined)?.token;
    const fromQuery = header === undefined && request.method === 'GET' && typeof queryToken === 'string';
    const cookie = cookieValue(request.headers.cookie, ADMIN_COOKIE);
    const authorization =
      header ?? (fromQuery ? `Bearer ${queryToken}` : cookie ? `Bearer ${cookie}` : undefined);

    let principal: Principal;
    try {
      principal = await auth.authenticate(authorization);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      if (cookie && !header && !fromQuery) {
        // An expired or revoked token in the cookie: drop it so the browser stops sending it.
        void reply.header(
          'set-cookie',
          `${ADMIN_COOKIE}=; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=0`,
        );
      }
      void reply.header(
        'www-authenticate',
        error.code
          ? `Bearer realm="claimdesk", error="${error.code}", error_description="${error.message.replace(/"/g, "'")}"`
          : 'Bearer realm="claimdesk"',
      );
      const hint = authorization === undefined ? ` Open ${path}?token=<access token> in a browser.` : '';
      return problem(reply, 401, `${error.message}${hint}`);
    }
    if (!principal.roles.includes('admin')) {
      return problem(reply, 403, 'The queue dashboard needs the role admin.');
    }
    (request as FastifyRequest & { principal?: Principal }).principal = principal;

    if (fromQuery) {
      const secure = request.protocol === 'https' ? '; Secure' : '';
      return reply
        .code(303)
        .header(
          'set-cookie',
          `${ADMIN_COOKIE}=${queryToken}; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=${ACCESS_TOKEN_TTL_SECONDS}${secure}`,
        )
        .header('location', withoutToken(request.url))
        .header('cache-control', 'no-store')
        .send();
    }
  };
}
