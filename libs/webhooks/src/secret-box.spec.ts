import { randomBytes } from 'node:crypto';
import { isSealedSecret, openSecret, sealSecret, SecretBoxError } from './secret-box';
import { generateWebhookSecret, openWebhookSecret, sealWebhookSecret } from './secrets';

const key = randomBytes(32);

/** Flips one bit of the byte at `index` of the sealed value's payload (after `v1:`). */
function flipBit(sealed: string, index: number): string {
  const raw = Buffer.from(sealed.slice(3), 'base64');
  raw[index] ^= 0x01;
  return `v1:${raw.toString('base64')}`;
}

describe('secret box', () => {
  it('opens what it sealed', () => {
    const secret = generateWebhookSecret();
    const sealed = sealSecret(secret, key);
    expect(openSecret(sealed, key)).toBe(secret);
    expect(openSecret(sealSecret('', key), key)).toBe('');
    expect(openSecret(sealSecret('ünïcødé ✓', key), key)).toBe('ünïcødé ✓');
  });

  it('writes v1: and base64 of a 12-byte IV, the ciphertext and a 16-byte tag, never the plaintext', () => {
    const secret = generateWebhookSecret();
    const sealed = sealSecret(secret, key);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(isSealedSecret(sealed)).toBe(true);
    expect(Buffer.from(sealed.slice(3), 'base64')).toHaveLength(12 + Buffer.byteLength(secret) + 16);
    expect(sealed).not.toContain(secret.slice(6));
  });

  it('uses a fresh IV for every value', () => {
    const secret = generateWebhookSecret();
    const first = sealSecret(secret, key);
    const second = sealSecret(secret, key);
    expect(first).not.toBe(second);
    expect(first.slice(3, 19)).not.toBe(second.slice(3, 19));
  });

  it.each([
    ['the IV', 0],
    ['the ciphertext', 20],
    ['the tag', -1],
  ])('refuses a value whose %s was altered', (_part, index) => {
    const sealed = sealSecret(generateWebhookSecret(), key);
    const length = Buffer.from(sealed.slice(3), 'base64').length;
    const altered = flipBit(sealed, index < 0 ? length + index : index);
    expect(() => openSecret(altered, key)).toThrow(SecretBoxError);
    expect(() => openSecret(altered, key)).toThrow('does not authenticate');
  });

  it('refuses a value sealed with another key', () => {
    const sealed = sealSecret(generateWebhookSecret(), key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(SecretBoxError);
  });

  it('refuses values without the version prefix, with another version, or truncated', () => {
    const sealed = sealSecret(generateWebhookSecret(), key);
    expect(() => openSecret(sealed.slice(3), key)).toThrow('unknown version');
    expect(() => openSecret(`v2:${sealed.slice(3)}`, key)).toThrow('unknown version');
    expect(() => openSecret('v1:AAAA', key)).toThrow('truncated');
    expect(isSealedSecret('whsec_abc')).toBe(false);
  });

  it('refuses a key of the wrong length', () => {
    expect(() => sealSecret('x', randomBytes(16))).toThrow('32 bytes');
    expect(() => openSecret(sealSecret('x', key), randomBytes(31))).toThrow('32 bytes');
  });
});

describe('stored webhook secrets', () => {
  it('opens an encrypted secret and accepts a plaintext one stored before encryption', () => {
    const secret = generateWebhookSecret();
    const stored = sealWebhookSecret(secret, key);
    expect(stored).not.toBe(secret);
    expect(openWebhookSecret(stored, key)).toBe(secret);
    expect(openWebhookSecret(secret, key)).toBe(secret);
  });

  it('does not take any other value as plaintext', () => {
    expect(() => openWebhookSecret('not-a-secret', key)).toThrow(SecretBoxError);
    expect(() => openWebhookSecret(sealWebhookSecret(generateWebhookSecret(), randomBytes(32)), key)).toThrow(
      SecretBoxError,
    );
  });
});
