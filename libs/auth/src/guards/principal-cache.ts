import { Injectable } from '@nestjs/common';
import { AppConfig, Principal } from '@claimdesk/platform';

interface Entry {
  principal: Principal;
  expiresAt: number;
}

/** Entries kept at most; past it the oldest go first. */
const MAX_ENTRIES = 10_000;

/**
 * The callers of the last few seconds, by their access token: most requests come from the few
 * people at work, and each would otherwise verify the token and read the user (a database round
 * trip) again. An entry lives PRINCIPAL_CACHE_MS at most, never past the token's own `exp`.
 *
 * A token names one (user, token version), so the cache is in effect keyed by both: when a user's
 * token version, roles or status change, `forgetUser` drops their entries here at once; other API
 * replicas see the change when their entries lapse, within PRINCIPAL_CACHE_MS. API keys are not
 * cached: revoking one takes effect everywhere at once.
 */
@Injectable()
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly config: AppConfig) {}

  get(token: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  /** Remembers a verified user's access token until `tokenExpiresAt` (ms) or the cache's lifetime, whichever is first. */
  set(token: string, principal: Principal, tokenExpiresAt: number, now = Date.now()): void {
    const lifetime = this.config.PRINCIPAL_CACHE_MS;
    if (lifetime <= 0 || principal.kind !== 'user') return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { principal, expiresAt: Math.min(now + lifetime, tokenExpiresAt) });
  }

  forgetUser(userId: string): void {
    for (const [token, entry] of this.entries) {
      if (entry.principal.id === userId) this.entries.delete(token);
    }
  }
}

/** The `exp` of an already verified JWT, in ms; 0 (do not cache) when it has none. */
export function tokenExpiry(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
