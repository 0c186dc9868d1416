import { Injectable } from '@nestjs/common';
import { AppConfig, ProblemException, TransactionService } from '@claimdesk/platform';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';

export const REFRESH_TOKEN_PREFIX = 'crt_';
const REFRESH_TOKEN_PATTERN = /^crt_[A-Za-z0-9_-]{43}$/;

/** A refresh token as handed out once; only its SHA-256 is stored. */
export interface IssuedRefreshToken {
  token: string;
  /** Browser sessions only: the CSRF token bound to this refresh token. */
  csrfToken?: string;
  /** Seconds until the token (and its family) expires. */
  expiresIn: number;
}

/** Why a refresh token was refused: 403 for a CSRF token of another session, 401 otherwise. */
export type RefreshRefusal = 'unknown' | 'expired' | 'revoked' | 'reused' | 'csrf' | 'disabled';

export class RefreshTokenError extends ProblemException {
  constructor(readonly reason: RefreshRefusal) {
    super(reason === 'csrf' ? 403 : 401, REFUSAL_MESSAGES[reason]);
  }
}

const REFUSAL_MESSAGES: Record<RefreshRefusal, string> = {
  unknown: 'The refresh token is invalid; sign in again.',
  expired: 'The refresh token has expired; sign in again.',
  revoked: 'The session has ended; sign in again.',
  reused: 'The refresh token was already used, so the session has ended; sign in again.',
  csrf: 'The X-CSRF-Token header does not belong to this session.',
  disabled: 'The account is disabled or no longer exists.',
};

interface TokenRow {
  id: string;
  family_id: string;
  user_id: string;
  csrf_hash: string | null;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  active: boolean;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

/** The stored CSRF hash matches the token the caller sent (constant time). */
function csrfMatches(storedHash: string | null, csrfToken: string | undefined): boolean {
  if (storedHash === null || csrfToken === undefined) return false;
  return timingSafeEqual(Buffer.from(storedHash, 'hex'), Buffer.from(sha256(csrfToken), 'hex'));
}

/**
 * Refresh tokens: opaque, stored hashed, rotated on every use within a family that shares one
 * expiry (set at sign-in). A token used twice means someone holds a copy: the family ends.
 * Browser sessions bind a CSRF token to each refresh token; API clients' tokens have none.
 */
@Injectable()
export class RefreshTokensService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly config: AppConfig,
  ) {}

  /** Starts a family for a sign-in. */
  async issue(userId: string, browser: boolean): Promise<IssuedRefreshToken> {
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    return this.transactions.run(async (manager) => {
      // A sign-in is a good moment to forget this user's long-dead tokens.
      await manager.query(
        `DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at < now() - interval '1 day'`,
        [userId],
      );
      return (await this.insert(manager, userId, randomUUID(), expiresAt, browser)).issued;
    });
  }

  /**
   * Uses a refresh token: marks it used and issues the next one of its family. A browser session's
   * token needs its CSRF token. Refusals after the reuse check commit before they are thrown, so a
   * reuse ends the family even though the caller gets an error.
   */
  async rotate(token: string, csrfToken?: string): Promise<{ userId: string; next: IssuedRefreshToken }> {
    if (!REFRESH_TOKEN_PATTERN.test(token)) throw new RefreshTokenError('unknown');
    type Outcome = { refusal: RefreshRefusal } | { userId: string; next: IssuedRefreshToken };
    const outcome = await this.transactions.run(async (manager): Promise<Outcome> => {
      const [row] = await this.lockRow(manager, token);
      const refusal = this.refusalFor(row, csrfToken);
      if (refusal) {
        if (row && (refusal === 'reused' || refusal === 'disabled'))
          await this.endFamily(manager, row.family_id);
        return { refusal };
      }
      const next = await this.insert(
        manager,
        row.user_id,
        row.family_id,
        row.expires_at,
        row.csrf_hash !== null,
      );
      await manager.query(`UPDATE refresh_tokens SET used_at = now(), replaced_by = $2 WHERE id = $1`, [
        row.id,
        next.id,
      ]);
      return { userId: row.user_id, next: next.issued };
    });
    if ('refusal' in outcome) throw new RefreshTokenError(outcome.refusal);
    return outcome;
  }

  /**
   * Ends the family of this token (sign-out). Any token of the family will do, used ones too; an
   * unknown token ends nothing. A browser session's token needs its CSRF token.
   */
  async revokeFamily(token: string, csrfToken?: string): Promise<void> {
    if (!REFRESH_TOKEN_PATTERN.test(token)) return;
    await this.transactions.run(async (manager) => {
      const [row] = await this.lockRow(manager, token);
      if (!row) return;
      if (row.csrf_hash !== null && !csrfMatches(row.csrf_hash, csrfToken)) {
        throw new RefreshTokenError('csrf');
      }
      await this.endFamily(manager, row.family_id);
    });
  }

  /** Ends every session of a user (password change, disabling), inside the caller's transaction. */
  async revokeAllForUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }

  /**
   * The user of a live browser session's current token, without using it (read-only checks such as
   * the queue dashboard's page loads); null when it would be refused.
   */
  async peekBrowserSession(token: string): Promise<string | null> {
    if (!REFRESH_TOKEN_PATTERN.test(token)) return null;
    const [row]: TokenRow[] = await this.transactions.manager.query(
      `SELECT t.user_id, t.csrf_hash, t.expires_at, t.used_at, t.revoked_at, u.active
         FROM refresh_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1`,
      [sha256(token)],
    );
    if (!row || row.csrf_hash === null || row.used_at || row.revoked_at || !row.active) return null;
    return row.expires_at.getTime() > Date.now() ? row.user_id : null;
  }

  private lockRow(manager: EntityManager, token: string): Promise<TokenRow[]> {
    return manager.query(
      `SELECT t.id, t.family_id, t.user_id, t.csrf_hash, t.expires_at, t.used_at, t.revoked_at, u.active
         FROM refresh_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1
          FOR UPDATE OF t`,
      [sha256(token)],
    );
  }

  /** In order: a revoked family stays revoked; a second use is a reuse even when it came late. */
  private refusalFor(row: TokenRow | undefined, csrfToken: string | undefined): RefreshRefusal | null {
    if (!row) return 'unknown';
    if (row.revoked_at) return 'revoked';
    if (row.used_at) return 'reused';
    if (row.expires_at.getTime() <= Date.now()) return 'expired';
    if (!row.active) return 'disabled';
    // A browser session's token always needs its CSRF token; an API client's token takes none.
    if (row.csrf_hash !== null && !csrfMatches(row.csrf_hash, csrfToken)) return 'csrf';
    if (row.csrf_hash === null && csrfToken !== undefined) return 'csrf';
    return null;
  }

  private async endFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  private async insert(
    manager: EntityManager,
    userId: string,
    familyId: string,
    expiresAt: Date,
    browser: boolean,
  ): Promise<{ id: string; issued: IssuedRefreshToken }> {
    const token = `${REFRESH_TOKEN_PREFIX}${newSecret()}`;
    const csrfToken = browser ? newSecret() : undefined;
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, csrf_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [familyId, userId, sha256(token), csrfToken === undefined ? null : sha256(csrfToken), expiresAt],
    );
    const expiresIn = Math.max(1, Math.round((expiresAt.getTime() - Date.now()) / 1000));
    return { id, issued: { token, ...(csrfToken === undefined ? {} : { csrfToken }), expiresIn } };
  }
}
