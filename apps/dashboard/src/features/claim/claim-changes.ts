import type { Claim } from './claim-api';

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '(none)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  return String(value);
};

const FIELDS: [keyof Claim | 'stanceCount' | 'evidenceCount', string, (claim: Claim) => unknown][] = [
  ['status', 'Status', (claim) => claim.status],
  ['text', 'Text', (claim) => claim.text],
  ['summary', 'Summary', (claim) => claim.summary],
  ['tags', 'Tags', (claim) => claim.tags],
  ['priority', 'Priority', (claim) => claim.priority],
  ['dueAt', 'Due date', (claim) => (claim.dueAt ? new Date(claim.dueAt).toLocaleString() : null)],
  ['evidenceStatus', 'Evidence status', (claim) => claim.evidenceStatus],
  ['assigneeId', 'Assignee', (claim) => claim.assigneeId],
  ['verdict', 'Verdict', (claim) => claim.verdict],
  ['stanceCount', 'Stances', (claim) => `${claim.stances.length}`],
  ['evidenceCount', 'Evidence', (claim) => `${claim.evidence.length}`],
];

/** What someone else changed between the version the user started from and the latest one. */
export function claimChanges(base: Claim, latest: Claim): FieldChange[] {
  return FIELDS.flatMap(([field, label, read]) => {
    const before = show(read(base));
    const after = show(read(latest));
    return before === after ? [] : [{ field: String(field), label, before, after }];
  });
}
