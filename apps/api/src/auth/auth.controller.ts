import { Body, Controller, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  AuthService,
  LoginDto,
  LoginResponse,
  MAX_ATTEMPTS_PER_EMAIL_AND_IP,
  MAX_LOGIN_DELAY_MS,
  RefreshTokenDto,
  RetryAfterFilter,
  SLOW_DOWN_AFTER_FAILURES,
} from '@claimdesk/auth';
import { AppConfig, NoIdempotency, Problem, Public } from '@claimdesk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  answerSession,
  browserCredentials,
  clearSessionCookies,
  CSRF_COOKIE,
  missingRefreshToken,
  REFRESH_COOKIE,
} from './browser-session';

const BROWSER_SESSION =
  `Browsers send no body: the \`${REFRESH_COOKIE}\` cookie, and the \`${CSRF_COOKIE}\` cookie's value in ` +
  '`X-CSRF-Token` (403 when it is missing or belongs to another session).';

const csrfHeader = ApiHeader({
  name: 'X-CSRF-Token',
  required: false,
  description: `Browsers only: the value of the \`${CSRF_COOKIE}\` cookie.`,
});

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @NoIdempotency()
  @HttpCode(200)
  @UseFilters(RetryAfterFilter)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Returns a 15-minute access token and a refresh token: in the body (`session: "token"`, the ' +
      `default) or, for browsers (\`session: "cookie"\`), as the httpOnly \`${REFRESH_COOKIE}\` cookie ` +
      `with a \`${CSRF_COOKIE}\` cookie (both Secure, SameSite=Strict, Path=/). Wrong credentials and ` +
      'disabled accounts get the same 401.\n\n' +
      'Sign-in policy: each e-mail address and client address may make ' +
      `${MAX_ATTEMPTS_PER_EMAIL_AND_IP} attempts in 15 minutes that are not a success (a success ` +
      'gives them back); beyond that, that address gets 429 with `Retry-After` for that account until ' +
      'the 15 minutes are over, without the password being checked. Failures for an e-mail address ' +
      `from all addresses together never refuse a sign-in: after ${SLOW_DOWN_AFTER_FAILURES} in 15 ` +
      `minutes, each attempt for that account waits before its password is checked (250 ms, doubling ` +
      `every 5 further failures, at most ${MAX_LOGIN_DELAY_MS / 1000} s), right or wrong password ` +
      'alike, except from an address that has signed in to the account before. So the right password ' +
      'from a new address is at most slowed down, never locked out by other people’s failures.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({
    type: Problem,
    description: 'Wrong e-mail address or password, or a disabled account.',
  })
  @ApiTooManyRequestsResponse({
    type: Problem,
    description: 'Too many failed sign-ins from this address; see `Retry-After`.',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const session = await this.auth.login(body, request.ip);
    return answerSession(reply, this.config, session, body.session ?? 'token');
  }

  @Post('refresh')
  @Public()
  @NoIdempotency()
  @HttpCode(200)
  @csrfHeader
  @ApiOperation({
    summary: 'Trade a refresh token for a new access token and the next refresh token',
    description:
      'API clients send `{refreshToken}` and get the sign-in body with the next refresh token. ' +
      `${BROWSER_SESSION} They get the body without the refresh token, and rotated cookies.\n\n` +
      'Each refresh token works once. Presenting one that was already used ends its whole session ' +
      '(every token of the sign-in) with 401, since someone else holds a copy: make one refresh at a ' +
      'time. A session lasts `REFRESH_TOKEN_TTL_SECONDS` from its sign-in; a password change, ' +
      'disabling the account and sign-out end it.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiBadRequestResponse({ type: Problem, description: 'Neither a refresh token nor the cookie.' })
  @ApiUnauthorizedResponse({ type: Problem, description: 'Unknown, expired, used or revoked refresh token.' })
  @ApiForbiddenResponse({ type: Problem, description: 'Browsers: missing or foreign `X-CSRF-Token`.' })
  async refresh(
    @Body() body: RefreshTokenDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    if (body.refreshToken !== undefined) {
      return answerSession(reply, this.config, await this.auth.refresh(body.refreshToken), 'token');
    }
    const browser = browserCredentials(request);
    if (!browser) throw missingRefreshToken();
    try {
      const session = await this.auth.refresh(browser.refreshToken, browser.csrfToken);
      return answerSession(reply, this.config, session, 'cookie');
    } catch (error) {
      // A session that cannot be renewed is over: the browser should stop sending its cookies.
      clearSessionCookies(reply, this.config);
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @NoIdempotency()
  @HttpCode(204)
  @csrfHeader
  @ApiOperation({
    summary: 'Sign out: end the refresh token’s session',
    description:
      `API clients send \`{refreshToken}\`. ${BROWSER_SESSION} The session's refresh tokens are ` +
      'revoked and the cookies cleared; access tokens already issued expire on their own. 204 also ' +
      'when the session had already ended.',
  })
  @ApiNoContentResponse({ description: 'Signed out.' })
  @ApiBadRequestResponse({ type: Problem, description: 'Neither a refresh token nor the cookie.' })
  @ApiForbiddenResponse({ type: Problem, description: 'Browsers: missing or foreign `X-CSRF-Token`.' })
  async logout(
    @Body() body: RefreshTokenDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (body.refreshToken !== undefined) return this.auth.logout(body.refreshToken);
    const browser = browserCredentials(request);
    if (!browser) throw missingRefreshToken();
    await this.auth.logout(browser.refreshToken, browser.csrfToken);
    clearSessionCookies(reply, this.config);
  }
}
