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
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
