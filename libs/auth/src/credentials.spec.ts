import { createHash } from 'node:crypto';
import {
  apiKeyPrefix,
  generateApiKey,
  hashApiKey,
  hashPassword,
  looksLikeApiKey,
  verifyPassword,
} from './credentials';

describe('API key format', () => {
  it('is ck_ + 32 random bytes in base64url, with an 8-character prefix and a SHA-256 hash', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^ck_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
    expect(prefix).toBe(key.slice(3, 11));
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hash).not.toContain(key.slice(3));
  });

  it('never repeats', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it('recognises only well-formed keys', () => {
    const { key } = generateApiKey();
    expect(looksLikeApiKey(key)).toBe(true);
    for (const bad of [
      'ck_',
      `${key}x`,
      key.slice(0, -1),
      key.replace('ck_', 'cK_'),
      `ck_${'!'.repeat(43)}`,
      'eyJ.x.y',
    ]) {
      expect({ bad, ok: looksLikeApiKey(bad) }).toEqual({ bad, ok: false });
    }
  });

  it('hashes deterministically and distinguishes keys', () => {
    expect(hashApiKey('ck_a')).toBe(hashApiKey('ck_a'));
    expect(hashApiKey('ck_a')).not.toBe(hashApiKey('ck_b'));
    expect(apiKeyPrefix('ck_ABCDEFGHIJKL')).toBe('ABCDEFGH');
  });
});

describe('passwords', () => {
  it('are stored as argon2id and verified', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain('correct horse');
    await expect(verifyPassword(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'correct horse battery stapler')).resolves.toBe(false);
  });

  it('salt every hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('treat a malformed stored hash as a mismatch, not an error', async () => {
    await expect(verifyPassword('not-a-hash', 'anything')).resolves.toBe(false);
  });
});
