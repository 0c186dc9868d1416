import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** How long the previous secret keeps signing after a rotation, so receivers can switch over. */
export const SECRET_OVERLAP_MS = 24 * 3600 * 1000;

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
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
