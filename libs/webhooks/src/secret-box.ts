import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption of short secrets at rest (AES-256-GCM, node:crypto only).
 * A sealed value is `v1:` + base64(iv | ciphertext | tag): the prefix names the format so a
 * later key or algorithm change can be told apart from this one and read side by side.
 */
const VERSION = 'v1:';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
// 96-bit IVs are GCM's native size; random per value is safe far beyond the number of secrets we keep.
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A value that is not a sealed secret, was altered, or was sealed with another key. */
export class SecretBoxError extends Error {}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`the key must be ${KEY_BYTES} bytes`);
}

/** Encrypts `plaintext` under `key` (32 bytes) with a fresh random IV. */
export function sealSecret(plaintext: string, key: Buffer): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64');
}

/** True when `value` looks like the output of sealSecret (says nothing about whether it opens). */
export function isSealedSecret(value: string): boolean {
  return value.startsWith(VERSION);
}

/** Decrypts a value from sealSecret; throws SecretBoxError on any other input, tampering or a wrong key. */
export function openSecret(sealed: string, key: Buffer): string {
  checkKey(key);
  if (!isSealedSecret(sealed)) throw new SecretBoxError('not a sealed secret (unknown version)');
  const raw = Buffer.from(sealed.slice(VERSION.length), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('sealed secret is truncated');
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  const ciphertext = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot tell a wrong key from an altered value; neither may yield a secret.
    throw new SecretBoxError('sealed secret does not authenticate (altered, or sealed with another key)');
  }
}
