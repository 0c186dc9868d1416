import { createHash, randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';

export const API_KEY_PREFIX = 'ck_';
const API_KEY_PATTERN = /^ck_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  key: string;
  prefix: string;
  hash: string;
}

/** `ck_` + 32 random bytes in base64url: 256 bits, so a fast hash is enough to store it. */
export function generateApiKey(): NewApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: apiKeyPrefix(key), hash: hashApiKey(key) };
}

export function looksLikeApiKey(token: string): boolean {
  return API_KEY_PATTERN.test(token);
}

/** The part of a key shown in lists: the first 8 characters after `ck_`. */
export function apiKeyPrefix(key: string): string {
  return key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + 8);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** OWASP's argon2id baseline (19 MiB, 2 passes): slow for an attacker, ~20 ms for us. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash is a failed login, not a server error.
    return false;
  }
}
