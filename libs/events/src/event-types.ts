/** Every domain event type; webhooks and notifications subscribe to these names. */
export const EVENT_TYPES = [
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
  'claim.stance_removed',
  'claim.evidence_added',
  'claim.evidence_removed',
  'claim.evidence_status_changed',
  'claim.note_added',
  'claim.due_soon',
  'claim.overdue',
  'webhook.disabled',
  'user.created',
  'user.updated',
  'user.bootstrapped',
  'api_key.issued',
  'api_key.revoked',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Changes to accounts (users and API keys): audit only, with a null claim id. No outbox subscriber
 * takes them, and their payloads never hold a password, a key or a hash.
 */
export const ACCOUNT_EVENT_TYPES = [
  'user.created',
  'user.updated',
  'user.bootstrapped',
  'api_key.issued',
  'api_key.revoked',
] as const satisfies readonly EventType[];

export type AccountEventType = (typeof ACCOUNT_EVENT_TYPES)[number];
