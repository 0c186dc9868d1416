import '@fastify/cookie';
import { LoginResponse, SessionKind, SignedInSession } from '@claimdesk/auth';
import { AppConfig, ProblemException } from '@claimdesk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The browser session's refresh token: httpOnly, so page scripts can never read it. */
export const REFRESH_COOKIE = 'claimdesk_refresh';
/** The double-submit CSRF token: readable by the page, echoed in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'claimdesk_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** What a browser sent for its session: the refresh cookie and the CSRF token it echoed. */
export interface BrowserCredentials {
  refreshToken: string;
  csrfToken: string;
}

function cookieOptions(config: AppConfig, httpOnly: boolean) {
  return { path: '/', httpOnly, secure: config.SESSION_COOKIE_SECURE, sameSite: 'strict' as const };
}

/**
 * The body of a sign-in or refresh, and for browsers the cookies: the refresh token goes in the body
 * for API clients, and only in the httpOnly cookie (never the body) for browsers.
 */
export function answerSession(
  reply: FastifyReply,
  config: AppConfig,
  session: SignedInSession,
  kind: SessionKind,
): LoginResponse {
  const { refresh, ...access } = session;
  if (kind === 'token') {
    return { ...access, refreshToken: refresh.token, refreshExpiresIn: refresh.expiresIn };
  }
  void reply
    .setCookie(REFRESH_COOKIE, refresh.token, { ...cookieOptions(config, true), maxAge: refresh.expiresIn })
    .setCookie(CSRF_COOKIE, refresh.csrfToken ?? '', {
      ...cookieOptions(config, false),
      maxAge: refresh.expiresIn,
    })
    .header('cache-control', 'no-store');
  return access;
}

export function clearSessionCookies(reply: FastifyReply, config: AppConfig): void {
  void reply
    .clearCookie(REFRESH_COOKIE, cookieOptions(config, true))
    .clearCookie(CSRF_COOKIE, cookieOptions(config, false));
}

/**
 * The browser's refresh cookie and CSRF token, or undefined when it sent no refresh cookie. The
 * header must equal the CSRF cookie (double submit: another site can make the browser send the
 * cookies but cannot read them to set the header); the refresh tokens service then checks that the
 * token belongs to this session, so a CSRF cookie planted by a sibling subdomain does not pass.
 */
export function browserCredentials(request: FastifyRequest): BrowserCredentials | undefined {
  const refreshToken = request.cookies?.[REFRESH_COOKIE];
  if (!refreshToken) return undefined;
  const header = request.headers[CSRF_HEADER];
  const cookie = request.cookies?.[CSRF_COOKIE];
  if (typeof header !== 'string' || header === '' || header !== cookie) {
    throw new ProblemException(
      403,
      `Send the ${CSRF_COOKIE} cookie's value in the X-CSRF-Token header with the session cookie.`,
    );
  }
  return { refreshToken, csrfToken: header };
}

export const missingRefreshToken = () =>
  new ProblemException(
    400,
    `Send {"refreshToken": "…"} in the body, or (browsers) the ${REFRESH_COOKIE} cookie with X-CSRF-Token.`,
  );
