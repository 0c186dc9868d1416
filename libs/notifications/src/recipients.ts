import { isUUID } from 'class-validator';
import { ClaimNotificationType, NotificationType, notifiesAbout } from './notification-types';

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
  /**
   * Active admins, told when a newsroom key's webhook is disabled: a key has no inbox, and admins
   * manage the keys, so they can reach the newsroom.
   */
  adminIds: readonly string[];
}

export interface PlannedNotification {
  recipientId: string;
  type: NotificationType;
}

const idOf = (value: unknown): string[] => (typeof value === 'string' && isUUID(value) ? [value] : []);
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
    case 'claim.stance_removed':
    case 'claim.evidence_removed':
      // Removing one's own addition is tidying up; removing someone else's is news to the assignee.
      type = facts.type;
      recipients = removedOthersWork(payload, facts.actorId) ? idOf(facts.claimAssigneeId) : [];
      break;
    case 'claim.published':
      type = 'claim.published';
      recipients = idOf(payload.submittedBy);
      break;
    case 'claim.note_added':
      type = 'note.mention';
      recipients = idsOf(payload.mentions);
      break;
    case 'webhook.disabled': {
      type = 'webhook.disabled';
      const owner = webhookOwner(payload);
      recipients =
        owner?.kind === 'user'
          ? idOf(owner.id)
          : owner?.kind === 'api_key'
            ? facts.adminIds.flatMap(idOf)
            : [];
      break;
    }
  }
  const actor = facts.actorId?.toLowerCase();
  const unique = [...new Set(recipients.map((id) => id.toLowerCase()))].filter((id) => id !== actor);
  return unique.map((recipientId) => ({ recipientId, type }));
}

/** Whether the removed stance or evidence (`addedBy` in the payload) was added by someone other than `actorId`. */
function removedOthersWork(payload: Record<string, unknown>, actorId: string | null): boolean {
  const addedBy = payload.addedBy as Record<string, unknown> | null | undefined;
  const [adder] = addedBy && typeof addedBy === 'object' ? idOf(addedBy.id) : [];
  // Added by nobody we know (an import, a deleted key): still someone else's work.
  return adder === undefined || actorId === null || adder.toLowerCase() !== actorId.toLowerCase();
}

/** The owner a `webhook.disabled` payload names (`{kind, id}`), or null when it names none we know. */
export function webhookOwner(
  payload: Record<string, unknown>,
): { kind: 'user' | 'api_key'; id: string } | null {
  const owner = payload.owner as Record<string, unknown> | null | undefined;
  if (!owner || typeof owner !== 'object') return null;
  const [id] = idOf(owner.id);
  if (!id || (owner.kind !== 'user' && owner.kind !== 'api_key')) return null;
  return { kind: owner.kind, id };
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
  type: ClaimNotificationType,
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
    case 'claim.stance_removed':
      return `${by} removed a stance from ${claim}`;
    case 'claim.evidence_removed':
      return `${by} removed evidence from ${claim}`;
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

const REASON_LENGTH = 200;

/** Whom the text of a `webhook.disabled` notification addresses: the owning user, or admins on a key's behalf. */
export type DisabledWebhookOwner = { kind: 'user' } | { kind: 'api_key'; name: string | null };

/**
 * The line about a disabled webhook: which endpoint (its host only; a path may carry a token) and
 * why, as the delivery handler recorded it. A user reads about their own endpoint; admins read
 * about a newsroom key's, named so they know whom to tell.
 */
export function webhookDisabledText(payload: Record<string, unknown>, owner: DisabledWebhookOwner): string {
  let host = 'an unknown host';
  if (typeof payload.url === 'string') {
    try {
      host = new URL(payload.url).host || host;
    } catch {
      // A malformed URL is still worth the notification; it just cannot be named.
    }
  }
  const flat = typeof payload.reason === 'string' ? payload.reason.replace(/\s+/g, ' ').trim() : '';
  const reason = !flat
    ? 'its deliveries kept failing'
    : flat.length > REASON_LENGTH
      ? `${flat.slice(0, REASON_LENGTH - 1)}…`
      : flat;
  // Short enough to be a mail subject whole: what to do next (fix, then PATCH active) goes without saying.
  if (owner.kind === 'user') return `Your webhook to ${host} was disabled: ${reason}`;
  const key = owner.name === null ? 'a newsroom key' : `newsroom key “${owner.name}”`;
  return `The webhook of ${key} to ${host} was disabled: ${reason}`;
}
