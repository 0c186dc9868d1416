import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { openSecret, sealSecret } from './secret-box';

/** How long the previous secret keeps signing after a rotation, so receivers can switch over. */
export const SECRET_OVERLAP_MS = 24 * 3600 * 1000;

/** The prefix of every Standard Webhooks secret, and so of the plaintext values stored before encryption. */
const PLAINTEXT_PREFIX = 'whsec_';

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${PLAINTEXT_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The form a webhook secret is stored in: encrypted under WEBHOOK_SECRETS_KEY (see secret-box.ts). */
export function sealWebhookSecret(secret: string, key: Buffer): string {
  return sealSecret(secret, key);
}

/**
 * A stored secret back in plaintext, for signing. Rows written before secrets were encrypted
 * (migration 1764270900000) hold the plain `whsec_…` value, which no sealed value can start with;
 * they are accepted as they are until their next rotation or update re-encrypts them.
 */
export function openWebhookSecret(stored: string, key: Buffer): string {
  return isPlaintextWebhookSecret(stored) ? stored : openSecret(stored, key);
}

/** True for a value stored before encryption (still plaintext). */
export function isPlaintextWebhookSecret(stored: string): boolean {
  return stored.startsWith(PLAINTEXT_PREFIX);
}

/**
 * The `webhook-signature` header: one `v1,<base64>` per secret, space-separated as the
 * specification allows, so a receiver holding either secret can verify during a rotation.
 */
export function signatureHeader(
  secrets: readonly string[],
  msgId: string,
  timestamp: Date,
  body: string,
): string {
  return secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, body)).join(' ');
}
