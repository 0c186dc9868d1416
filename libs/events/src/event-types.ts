/**
 * Every domain event and its payload, as the job registry ties each job to its payload: `append`
 * takes exactly the payload of its type, and the lists of events that notify people or go to
 * webhooks are checked against this map by the compiler, so renaming an event cannot silently
 * drop its notifications or deliveries.
 *
 * Payloads are the history's `changes` and what consumers read back; ids are UUIDs, times ISO 8601.
 * The events library sits below the features, so enumerations are kept as strings here.
 */

/** Who added a stance or evidence (`createdBy` of its view). */
type CreatorRef = { kind: 'user' | 'api_key'; id: string } | null;

type StanceRef = {
  id: string;
  type: string;
  actor: { id: string; name: string; kind: string; title?: string | null; country?: string | null };
  createdBy?: CreatorRef;
};

type EvidenceRef = {
  id: string;
  kind: string;
  summary: string;
  relation: string;
  createdBy?: CreatorRef;
};

type Versioned = { version: number };

/** A removal keeps who had added the thing and why it went. */
type Removal = { addedBy: CreatorRef; reason: string | null; assigneeId: string | null };

type ReviewTimer = { assignmentId: string; assigneeId: string; dueAt: string };

type EvidenceStatusChange = Versioned & {
  from: string;
  to: string;
  before: { evidenceStatus: unknown };
  after: { evidenceStatus: unknown };
  /** Set when a submitted review changed it. */
  reviewId?: string;
};

type AuditedUser = { userId: string } & Record<string, unknown>;
type AuditedKey = { id: string; name: string; prefix: string; role: string };

export type EventPayloads = {
  'claim.created': Versioned & {
    claim: {
      text: string;
      summary: string | null;
      language: string;
      tags: string[];
      priority: string;
      sourceId: string | null;
    };
    stances: Pick<StanceRef, 'id' | 'type' | 'actor'>[];
  };
  'claim.updated': Versioned & { before: Record<string, unknown>; after: Record<string, unknown> };
  'claim.triaged': Versioned & { priority: string; dueAt: string | null };
  'claim.assigned': Versioned & {
    assignmentId: string;
    assigneeId: string;
    previousAssigneeId: string | null;
    dueAt: string | null;
    auto: boolean;
  };
  'claim.review_started': Versioned & { assignmentId: string; assigneeId: string | null };
  'claim.submitted': Versioned & {
    reviewId: string;
    round: number;
    verdict: string;
    evidenceStatus: string;
    submittedBy: string;
  };
  'claim.sent_back': Versioned & { reviewId: string; comment: string; assigneeId: string | null };
  'claim.published': Versioned & {
    reviewId: string;
    round: number;
    verdict: string;
    submittedBy: string;
    correctsReviewId: string | null;
  };
  'claim.reopened': Versioned & {
    reason: string;
    previousReviewId: string | null;
    assigneeId: string | null;
    assignmentId: string | null;
    dueAt: string | null;
  };
  'claim.dismissed': Versioned & { reason: string };
  'claim.stance_added': Versioned & { stance: StanceRef };
  'claim.stance_removed': Versioned & Removal & { stance: StanceRef };
  'claim.evidence_added': Versioned & { evidence: EvidenceRef };
  'claim.evidence_removed': Versioned & Removal & { evidence: EvidenceRef };
  'claim.evidence_status_changed': EvidenceStatusChange;
  'claim.note_added': { noteId: string; mentions: string[] };
  'claim.due_soon': ReviewTimer;
  'claim.overdue': ReviewTimer;
  'webhook.disabled': {
    webhookId: string;
    url: string;
    owner: { kind: 'user' | 'api_key'; id: string };
    reason: string;
  };
  'user.created': AuditedUser;
  'user.updated': {
    userId: string;
    email: string;
    version: number;
    changed: string[];
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    passwordChanged?: true;
  };
  'user.bootstrapped': AuditedUser;
  'api_key.issued': AuditedKey;
  'api_key.revoked': AuditedKey;
};

export type EventType = keyof EventPayloads;

/** Every domain event type, in the order API.md lists them (then the internal ones). */
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
] as const satisfies readonly EventType[];

// The list names every key of the map: a type added to the map but not here fails to compile.
type Unlisted = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** The events of a claim's life, the ones its history lists (the rest concern webhooks and accounts). */
export type ClaimEventType = Extract<EventType, `claim.${string}`>;
export const CLAIM_EVENT_TYPES = EVENT_TYPES.filter((type): type is ClaimEventType =>
  type.startsWith('claim.'),
);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

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
