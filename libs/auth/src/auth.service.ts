import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Principal, ProblemException } from '@claimdesk/platform';
import { ApiKeysService } from './api-keys.service';
import { looksLikeApiKey } from './credentials';
import { LoginDto } from './dto/login.dto';
import { MeView } from './dto/me.view';
import { toUserView, UserView } from './dto/user.view';
import { LoginAttempts } from './login-attempts';
import {
  IssuedRefreshToken,
  RefreshTokenError,
  RefreshTokensService,
} from './sessions/refresh-tokens.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** Access tokens are short-lived: a disabled account is also refused at once by the guard. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export const INVALID_CREDENTIALS = 'The e-mail address or password is wrong, or the account is disabled.';

/** Stream tokens only open `GET /v1/notifications/stream`, so they live just long enough to connect. */
export const STREAM_TOKEN_TTL_SECONDS = 60;
const STREAM_TOKEN_AUDIENCE = 'claimdesk:notifications-stream';

interface StreamTokenClaims {
  sub: string;
  typ: 'stream';
  exp?: number;
  /** The user's `tokenVersion` when issued; absent counts as 0 (tokens from before the claim existed). */
  ver?: number;
}

interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  ver?: number;
  exp?: number;
}

/** A signed-in user's access token and the refresh token that renews it; the controller decides where each goes. */
export interface SignedInSession {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: UserView;
  refresh: IssuedRefreshToken;
}

/** A token issued before the user's last password change or disabling; refused like an expired one. */
const SUPERSEDED = {
  access: 'The access token was issued before a password change; sign in again.',
  stream: 'The stream token was issued before a password change; ask for a new one.',
} as const;

/** A token that never expires was not made by us (we always set `exp`). */
const hasExpiry = (claims: { exp?: unknown }): boolean => Number.isSafeInteger(claims.exp);

const validVersion = (ver: unknown): boolean =>
  ver === undefined || (Number.isSafeInteger(ver) && (ver as number) >= 0);

/** Why credentials were refused; the guard turns it into a 401 with `WWW-Authenticate`. */
export class AuthenticationError extends Error {
  constructor(
    message: string,
    /** RFC 6750 error code: absent when no credentials were sent. */
    readonly code?: 'invalid_request' | 'invalid_token',
  ) {
    super(message);
  }
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly jwt: JwtService,
    private readonly attempts: LoginAttempts,
    private readonly refreshTokens: RefreshTokensService,
  ) {}

  /** Checks the password under the sign-in policy (see login-attempts.ts) and starts a session. */
  async login(input: LoginDto, ip: string): Promise<SignedInSession> {
    const attempt = await this.attempts.begin(input.email, ip);
    const user = await this.users.verifyCredentials(input.email, input.password);
    if (!user) {
      await attempt.failed();
      throw new ProblemException(401, INVALID_CREDENTIALS);
    }
    await attempt.succeeded();
    const refresh = await this.refreshTokens.issue(user.id, input.session === 'cookie');
    return this.session(toUserView(user), user.tokenVersion, refresh);
  }

  /** Trades a refresh token for a new access token and the family's next refresh token. */
  async refresh(refreshToken: string, csrfToken?: string): Promise<SignedInSession> {
    const { userId, next } = await this.refreshTokens.rotate(refreshToken, csrfToken);
    const identity = await this.users.findIdentity(userId);
    if (!identity?.active) throw new RefreshTokenError('disabled');
    return this.session(await this.users.get(userId), identity.tokenVersion, next);
  }

  /** Ends the refresh token's family; access tokens already issued live out their 15 minutes. */
  logout(refreshToken: string, csrfToken?: string): Promise<void> {
    return this.refreshTokens.revokeFamily(refreshToken, csrfToken);
  }

  /**
   * The admin or desk member behind a browser session's refresh cookie, checked without rotating it
   * (for pages that cannot send a header, such as the queue dashboard).
   */
  async authenticateBrowserSession(refreshToken: string | undefined): Promise<Principal> {
    const userId = refreshToken ? await this.refreshTokens.peekBrowserSession(refreshToken) : null;
    if (!userId)
      throw new AuthenticationError('The browser session has ended; sign in again.', 'invalid_token');
    const identity = await this.users.findIdentity(userId);
    if (!identity?.active) {
      throw new AuthenticationError('The account is disabled or no longer exists.', 'invalid_token');
    }
    return { kind: 'user', id: identity.id, name: identity.name, roles: identity.roles };
  }

  private async session(
    user: UserView,
    tokenVersion: number,
    refresh: IssuedRefreshToken,
  ): Promise<SignedInSession> {
    return {
      accessToken: await this.issueAccessToken({ id: user.id, tokenVersion }),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user,
      refresh,
    };
  }

  /** Without `tokenVersion` (callers holding only an id or a view) the current one is read. */
  async issueAccessToken(user: Pick<User, 'id'> & { tokenVersion?: number }): Promise<string> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      typ: 'access',
      ver: user.tokenVersion ?? (await this.currentTokenVersion(user.id)),
    };
    return this.jwt.signAsync(claims, { expiresIn: ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
  }

  /** A token for `?token=` on the notification stream; refused as a Bearer token everywhere. */
  async issueStreamToken(user: Pick<User, 'id'>): Promise<string> {
    const claims: StreamTokenClaims = {
      sub: user.id,
      typ: 'stream',
      ver: await this.currentTokenVersion(user.id),
    };
    return this.jwt.signAsync(claims, {
      expiresIn: STREAM_TOKEN_TTL_SECONDS,
      audience: STREAM_TOKEN_AUDIENCE,
      algorithm: 'HS256',
    });
  }

  /** Resolves a stream token into its user; throws AuthenticationError like `authenticate`. */
  async authenticateStreamToken(token: string): Promise<Principal> {
    let claims: StreamTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<StreamTokenClaims>(token, {
        algorithms: ['HS256'],
        audience: STREAM_TOKEN_AUDIENCE,
      });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new AuthenticationError(
        expired ? 'The stream token has expired; ask for a new one.' : 'The stream token is invalid.',
        'invalid_token',
      );
    }
    if (
      claims?.typ !== 'stream' ||
      !hasExpiry(claims) ||
      typeof claims.sub !== 'string' ||
      !isUUID(claims.sub) ||
      !validVersion(claims.ver)
    ) {
      throw new AuthenticationError('The stream token is invalid.', 'invalid_token');
    }
    return this.userPrincipal(claims.sub, claims.ver ?? 0, SUPERSEDED.stream);
  }

  /**
   * Resolves an `Authorization` header value into the caller. Throws AuthenticationError when
   * credentials are missing, malformed, expired, revoked or belong to a disabled user.
   */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization.trim() === '') {
      throw new AuthenticationError('Send credentials as "Authorization: Bearer <token>".');
    }
    const match = /^Bearer +([\x21-\x7e]+)\s*$/i.exec(authorization);
    if (!match) {
      throw new AuthenticationError(
        'The Authorization header must be "Bearer <token>" with an access token or API key.',
        'invalid_request',
      );
    }
    const token = match[1];
    if (token.startsWith('ck_')) {
      const principal = looksLikeApiKey(token) ? await this.apiKeys.authenticate(token) : null;
      if (!principal) throw new AuthenticationError('The API key is unknown or revoked.', 'invalid_token');
      return principal;
    }
    return this.authenticateAccessToken(token);
  }

  async me(principal: Principal): Promise<MeView> {
    const base = { kind: principal.kind, id: principal.id, name: principal.name, roles: principal.roles };
    if (principal.kind === 'api_key') return { ...base, apiKey: await this.apiKeys.get(principal.id) };
    return { ...base, user: await this.users.getOwn(principal.id) };
  }

  private async authenticateAccessToken(token: string): Promise<Principal> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new AuthenticationError(
        expired ? 'The access token has expired; sign in again.' : 'The access token is invalid.',
        'invalid_token',
      );
    }
    if (
      claims?.typ !== 'access' ||
      !hasExpiry(claims) ||
      typeof claims.sub !== 'string' ||
      !isUUID(claims.sub) ||
      !validVersion(claims.ver)
    ) {
      throw new AuthenticationError('The access token is invalid.', 'invalid_token');
    }
    return this.userPrincipal(claims.sub, claims.ver ?? 0, SUPERSEDED.access);
  }

  /** The user behind a token; `version` is its `ver`, which must still be the user's `tokenVersion`. */
  private async userPrincipal(id: string, version: number, superseded: string): Promise<Principal> {
    const user = await this.users.findIdentity(id);
    if (!user || !user.active) {
      throw new AuthenticationError('The account is disabled or no longer exists.', 'invalid_token');
    }
    if (user.tokenVersion !== version) throw new AuthenticationError(superseded, 'invalid_token');
    return { kind: 'user', id: user.id, name: user.name, roles: user.roles };
  }

  private async currentTokenVersion(id: string): Promise<number> {
    const user = await this.users.findIdentity(id);
    if (!user) throw new AuthenticationError('The account is disabled or no longer exists.', 'invalid_token');
    return user.tokenVersion;
  }
}
