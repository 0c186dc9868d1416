import type { components } from '../../api/schema';
import {
  dateTime,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_STATUS_LABELS,
  type EvidenceRelation,
  humanize,
  PRIORITY_LABELS,
  STANCE_TYPE_LABELS,
  STATUS_LABELS,
  VERDICT_LABELS,
} from '../../components/format';

/** One entry of a claim's history, as the contract types it: a union told apart by `type`. */
export type HistoryEntry = components['schemas']['HistoryPage']['items'][number];
export type HistoryEventType = HistoryEntry['type'];
type Changes<T extends HistoryEventType> = Extract<HistoryEntry, { type: T }>['changes'];

/** A history entry as the desk reads it: who did what in one sentence, then the particulars. */
export interface HistoryText {
  summary: string;
  details: string[];
}

/** A user's name from their id; unknown ids (people who left, another desk) read as "a desk member". */
export type NameOf = (userId: string | null | undefined) => string;

// Event payloads keep enumerations as strings; a value the dashboard has no words for reads humanized.
const wordFor = (labels: Readonly<Record<string, string>>, value: string | null | undefined) =>
  value ? (labels[value] ?? humanize(value)) : 'none';

const quoted = (text: string | null | undefined) => (text ? `“${text}”` : 'none');

const FIELD_LABELS: Record<string, string> = {
  text: 'Text',
  summary: 'Summary',
  tags: 'Tags',
  priority: 'Priority',
  dueAt: 'Due',
  evidenceStatus: 'Evidence status',
  status: 'Status',
  language: 'Language',
};

/** A claim field's value as the desk reads it (dates local, lists joined, enumerations in words). */
function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : 'none';
  if (typeof value !== 'string') return String(value);
  switch (field) {
    case 'dueAt':
      return dateTime(value);
    case 'priority':
      return wordFor(PRIORITY_LABELS, value);
    case 'evidenceStatus':
      return wordFor(EVIDENCE_STATUS_LABELS, value);
    case 'status':
      return wordFor(STATUS_LABELS, value);
    case 'text':
    case 'summary':
      return quoted(value);
    default:
      return value;
  }
}

/** `Priority: normal → urgent`, one line per field the change touched. */
function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).map(
    (field) =>
      `${FIELD_LABELS[field] ?? humanize(field)}: ${fieldValue(field, before[field])} → ${fieldValue(field, after[field])}`,
  );
}

type StanceRef = Changes<'claim.stance_added'>['stance'];
type EvidenceRef = Changes<'claim.evidence_added'>['evidence'];

const stanceLine = (stance: Pick<StanceRef, 'type' | 'actor'>) =>
  `${stance.actor.name}${stance.actor.title ? `, ${stance.actor.title}` : ''}${stance.actor.country ? ` (${stance.actor.country})` : ''} ${wordFor(STANCE_TYPE_LABELS, stance.type)} the claim`;

const RELATION_PHRASES = {
  supports: 'supporting',
  refutes: 'refuting',
  context: 'giving context to',
} as const satisfies Record<EvidenceRelation, string>;

const evidenceLine = (evidence: EvidenceRef) =>
  `${wordFor(EVIDENCE_KIND_LABELS, evidence.kind)} ${wordFor(RELATION_PHRASES, evidence.relation)} the claim: ${quoted(evidence.summary)}`;

const reasonLine = (reason: string | null | undefined) =>
  reason ? `Reason: ${quoted(reason)}` : 'No reason given';

const dueLine = (dueAt: string | null | undefined) => (dueAt ? `Due ${dateTime(dueAt)}` : 'No due date');

const unreachable = (entry: never): never => {
  throw new Error(`No words for history entry ${JSON.stringify(entry)}`);
};

/**
 * Every event type of the contract in words. The switch is exhaustive over the generated union: a
 * new event type in the API fails the dashboard's type check here until it is given words.
 */
export function describeHistoryEntry(entry: HistoryEntry, nameOf: NameOf): HistoryText {
  const who =
    entry.actor?.name ??
    (entry.actor?.kind === 'api_key' ? 'A newsroom key' : entry.actor ? nameOf(entry.actor.id) : 'claimdesk');
  const say = (summary: string, details: (string | false | null | undefined)[] = []): HistoryText => ({
    summary,
    details: details.filter((line): line is string => !!line),
  });
  switch (entry.type) {
    case 'claim.created': {
      const { claim, stances } = entry.changes;
      return say(`${who} submitted the claim`, [
        quoted(claim.text),
        claim.tags?.length ? `Tags: ${claim.tags.join(', ')}` : null,
        claim.priority && `Priority: ${wordFor(PRIORITY_LABELS, claim.priority)}`,
        ...stances.map(stanceLine),
      ]);
    }
    case 'claim.updated':
      return say(`${who} edited the claim`, fieldChanges(entry.changes.before, entry.changes.after));
    case 'claim.triaged':
      return say(`${who} triaged the claim`, [
        `Priority: ${wordFor(PRIORITY_LABELS, entry.changes.priority)}`,
        'dueAt' in entry.changes && dueLine(entry.changes.dueAt),
      ]);
    case 'claim.assigned': {
      const { assigneeId, previousAssigneeId, auto, dueAt } = entry.changes;
      const to = assigneeId ? ` to ${nameOf(assigneeId)}` : '';
      return say(auto ? `The claim was assigned${to} automatically` : `${who} assigned the claim${to}`, [
        previousAssigneeId && `Previously: ${nameOf(previousAssigneeId)}`,
        'dueAt' in entry.changes && dueLine(dueAt),
      ]);
    }
    case 'claim.review_started':
      return say(`${who} started the review`);
    case 'claim.submitted': {
      const { verdict, evidenceStatus, round } = entry.changes;
      return say(`${who} submitted the review for approval`, [
        verdict && `Verdict: ${wordFor(VERDICT_LABELS, verdict)}`,
        evidenceStatus && `Evidence status: ${wordFor(EVIDENCE_STATUS_LABELS, evidenceStatus)}`,
        round !== undefined && round > 1 && `Round ${round}`,
      ]);
    }
    case 'claim.sent_back':
      return say(`${who} sent the review back`, [
        entry.changes.comment && `Comment: ${quoted(entry.changes.comment)}`,
      ]);
    case 'claim.published': {
      const { verdict, correctsReviewId } = entry.changes;
      return say(correctsReviewId ? `${who} published a correction` : `${who} published the fact-check`, [
        verdict && `Verdict: ${wordFor(VERDICT_LABELS, verdict)}`,
      ]);
    }
    case 'claim.reopened':
      return say(`${who} reopened the claim for a correction`, [
        reasonLine(entry.changes.reason),
        entry.changes.assigneeId && `Back with ${nameOf(entry.changes.assigneeId)}`,
      ]);
    case 'claim.dismissed':
      return say(`${who} dismissed the claim`, [reasonLine(entry.changes.reason)]);
    case 'claim.stance_added':
      return say(`${who} added a stance`, [stanceLine(entry.changes.stance)]);
    case 'claim.stance_removed':
      return say(`${who} removed a stance`, [
        stanceLine(entry.changes.stance),
        reasonLine(entry.changes.reason),
      ]);
    case 'claim.evidence_added':
      return say(`${who} added evidence`, [evidenceLine(entry.changes.evidence)]);
    case 'claim.evidence_removed':
      return say(`${who} removed evidence`, [
        evidenceLine(entry.changes.evidence),
        reasonLine(entry.changes.reason),
      ]);
    case 'claim.evidence_status_changed': {
      const { from, to, reviewId } = entry.changes;
      return say(`${who} changed the evidence status${reviewId ? ' with the submitted review' : ''}`, [
        `Evidence status: ${wordFor(EVIDENCE_STATUS_LABELS, from)} → ${wordFor(EVIDENCE_STATUS_LABELS, to)}`,
      ]);
    }
    case 'claim.note_added': {
      const { mentions } = entry.changes;
      return say(`${who} added a note`, [
        mentions.length > 0 && `Mentioning ${mentions.map(nameOf).join(', ')}`,
      ]);
    }
    case 'claim.due_soon':
      return say(`The review by ${nameOf(entry.changes.assigneeId)} is due soon`, [
        dueLine(entry.changes.dueAt),
      ]);
    case 'claim.overdue':
      return say(`The review by ${nameOf(entry.changes.assigneeId)} is overdue`, [
        `Was due ${dateTime(entry.changes.dueAt)}`,
      ]);
    default:
      return unreachable(entry);
  }
}
