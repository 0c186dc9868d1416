import { NotificationType, notifiesAbout } from './notification-types';

/** What the recipient rules need to know about one event; gathered by the handler, judged here. */
export interface EventFacts {
  type: string;
  /** Who did it; null for the worker's own timers. Never notified of their own action. */
  actorId: string | null;
  payload: Record<string, unknown>;
  /** The claim's assignee as the handler reads it (for events whose payload does not name one). */
  claimAssigneeId: string | null;
  /** Active editors, told about overdue claims. */
  editorIds: readonly string[];
}

export interface PlannedNotification {
  recipientId: string;
  type: NotificationType;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const idOf = (value: unknown): string[] => (typeof value === 'string' && UUID.test(value) ? [value] : []);
const idsOf = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap(idOf) : []);

/**
 * Who is notified of an event, and as what. Pure: the rules of the issue in one place, so they
 * can be tested exhaustively. Each recipient appears once, the actor never; malformed ids in a
 * payload are ignored rather than trusted.
 */
export function planNotifications(facts: EventFacts): PlannedNotification[] {
  if (!notifiesAbout(facts.type)) return [];
  const { payload } = facts;
  let type: NotificationType;
  let recipients: string[];
  switch (facts.type) {
    case 'claim.assigned':
    case 'claim.sent_back':
    case 'claim.due_soon':
      type = facts.type;
      recipients = idOf(payload.assigneeId);
      break;
    case 'claim.overdue':
      type = 'claim.overdue';
      recipients = [...idOf(payload.assigneeId), ...facts.editorIds.flatMap(idOf)];
      break;
    case 'claim.evidence_added':
      type = 'claim.evidence_added';
      recipients = idOf(facts.claimAssigneeId);
      break;
    case 'claim.published':
      type = 'claim.published';
      recipients = idOf(payload.submittedBy);
      break;
    case 'claim.note_added':
      type = 'note.mention';
      recipients = idsOf(payload.mentions);
      break;
  }
  const actor = facts.actorId?.toLowerCase();
  const unique = [...new Set(recipients.map((id) => id.toLowerCase()))].filter((id) => id !== actor);
  return unique.map((recipientId) => ({ recipientId, type }));
}

const CLAIM_EXCERPT = 80;

/** The claim as a notification names it: its first ~80 characters, cut at a word where possible. */
export function claimExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= CLAIM_EXCERPT) return flat;
  const cut = flat.slice(0, CLAIM_EXCERPT);
  const space = cut.lastIndexOf(' ');
  return `${(space > CLAIM_EXCERPT / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The short line a notification shows: what happened, to which claim, by whom. */
export function notificationText(
  type: NotificationType,
  claimText: string,
  actorName: string | null,
): string {
  const claim = `“${claimExcerpt(claimText)}”`;
  const by = actorName ?? 'Someone';
  switch (type) {
    case 'claim.assigned':
      return `${by} assigned you ${claim}`;
    case 'claim.sent_back':
      return `${by} sent back your review of ${claim}`;
    case 'claim.evidence_added':
      return `${by} added evidence to ${claim}`;
    case 'claim.due_soon':
      return `Due soon: ${claim}`;
    case 'claim.overdue':
      return `Overdue: ${claim}`;
    case 'claim.published':
      return `${by} published your review of ${claim}`;
    case 'note.mention':
      return `${by} mentioned you in a note on ${claim}`;
  }
}
