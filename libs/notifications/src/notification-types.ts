import type { EventType } from '@claimdesk/events';

/** What a notification is about; API.md lists these, and preferences may mute any of them. */
export const NOTIFICATION_TYPES = [
  'claim.assigned',
  'claim.due_soon',
  'claim.overdue',
  'claim.sent_back',
  'claim.published',
  'note.mention',
  'claim.evidence_added',
  'claim.stance_removed',
  'claim.evidence_removed',
  'webhook.disabled',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
/** The types that are about one claim (all but the webhook one, which names an endpoint instead). */
export type ClaimNotificationType = Exclude<NotificationType, 'webhook.disabled'>;

/**
 * The domain events that can notify someone; the outbox relays only these to notifications.
 * Checked against the event map, so a renamed event fails to compile here instead of going quiet.
 */
export const NOTIFYING_EVENT_TYPES = [
  'claim.assigned',
  'claim.sent_back',
  'claim.evidence_added',
  'claim.due_soon',
  'claim.overdue',
  'claim.published',
  'claim.note_added',
  'claim.stance_removed',
  'claim.evidence_removed',
  'webhook.disabled',
] as const satisfies readonly EventType[];
export type NotifyingEventType = (typeof NOTIFYING_EVENT_TYPES)[number];

export function notifiesAbout(eventType: string): eventType is NotifyingEventType {
  return (NOTIFYING_EVENT_TYPES as readonly string[]).includes(eventType);
}
