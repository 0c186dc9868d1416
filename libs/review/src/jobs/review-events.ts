import type { EditableField } from '@claimdesk/claims';
import type { EventPayloads, RelayedEvent } from '@claimdesk/events';

/**
 * Events after which a claim may have a new assignment or due date, or be back in a status where
 * its due date counts (a send-back). A triage also starts auto-assignment.
 */
const TIMER_EVENTS: ReadonlySet<string> = new Set([
  'claim.triaged',
  'claim.assigned',
  'claim.reopened',
  'claim.sent_back',
  'claim.updated',
]);

/** The event types review acts on; the outbox relays review no others. */
export function reviewActsOn(eventType: string): boolean {
  return TIMER_EVENTS.has(eventType);
}

/** The claim field whose edit moves timers; typed, so a rename in claims fails to compile here. */
const DUE_DATE: EditableField = 'dueAt';

/** Whether the event can have moved the claim's timers: an edit only when it changed the due date. */
export function movesTimers(event: Pick<RelayedEvent, 'type' | 'payload'>): boolean {
  if (event.type !== 'claim.updated') return TIMER_EVENTS.has(event.type);
  const { after } = event.payload as Partial<EventPayloads['claim.updated']>;
  return typeof after === 'object' && after !== null && DUE_DATE in after;
}
