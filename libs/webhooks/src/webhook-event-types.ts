import type { EventType } from '@claimdesk/events';

/**
 * The events a webhook can subscribe to (API.md "Webhooks"). Internal bookkeeping events (notes,
 * timers, removals, webhook.disabled) are not offered to newsrooms. Checked against the event map
 * (`webhook.test` is the one that is not a domain event: it is sent, never recorded).
 */
export const WEBHOOK_EVENT_TYPES = [
  'claim.created',
  'claim.updated',
  'claim.triaged',
  'claim.assigned',
  'claim.review_started',
  'claim.submitted',
  'claim.sent_back',
  'claim.published',
  'claim.reopened',
  'claim.dismissed',
  'claim.stance_added',
  'claim.evidence_added',
  'claim.evidence_status_changed',
  'webhook.test',
] as const satisfies readonly (EventType | 'webhook.test')[];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Whether the outbox relay should hand this domain event to the webhooks fan-out. */
export function isWebhookEventType(eventType: string): boolean {
  return eventType !== 'webhook.test' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(eventType);
}
