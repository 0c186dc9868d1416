import type { components } from '../api/schema';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A due date as the desk reads it: "in 3 h", "in 2 days", "5 h overdue", "2 days overdue". */
export function dueLabel(dueAt: string | null | undefined, now: number = Date.now()): string {
  if (!dueAt) return 'no due date';
  const delta = new Date(dueAt).getTime() - now;
  const span = Math.abs(delta);
  const amount =
    span < HOUR
      ? `${Math.max(1, Math.round(span / 60_000))} min`
      : span < DAY
        ? `${Math.round(span / HOUR)} h`
        : `${Math.round(span / DAY)} day${Math.round(span / DAY) === 1 ? '' : 's'}`;
  return delta >= 0 ? `in ${amount}` : `${amount} overdue`;
}

export const isOverdue = (dueAt: string | null | undefined, now: number = Date.now()) =>
  !!dueAt && new Date(dueAt).getTime() < now;

export const humanize = (value: string) => value.replace(/[_.]/g, ' ');

export function dateTime(value: string | null | undefined): string {
  if (!value) return '';
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function dateOnly(value: string | null | undefined): string {
  if (!value) return '';
  return new Date(value).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** `<input type="datetime-local">` value in local time, and back to ISO. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const fromLocalInput = (value: string): string | null =>
  value ? new Date(value).toISOString() : null;

type Schemas = components['schemas'];
export type ClaimStatus = Schemas['ClaimView']['status'];
export type EvidenceStatus = Schemas['ClaimView']['evidenceStatus'];
export type Verdict = Schemas['SubmitReviewDto']['verdict'];
export type Priority = Schemas['ClaimView']['priority'];
export type StanceType = Schemas['CreateStanceDto']['type'];
export type ActorKind = Schemas['CreateActorDto']['kind'];
export type EvidenceKind = Schemas['CreateEvidenceDto']['kind'];
export type EvidenceRelation = Schemas['CreateEvidenceDto']['relation'];

/*
 * The value sets come from the API contract (schema.d.ts); the dashboard keeps only the words it shows.
 * `satisfies Record<…>` makes a value added to or dropped from the contract a type error here, and the
 * key order is the order the desk sees in every list.
 */
export const STATUS_LABELS = {
  submitted: 'submitted',
  triaged: 'triaged',
  assigned: 'assigned',
  in_review: 'in review',
  in_approval: 'in approval',
  published: 'published',
  dismissed: 'dismissed',
} as const satisfies Record<ClaimStatus, string>;
export const EVIDENCE_STATUS_LABELS = {
  unverified: 'unverified',
  unsubstantiated: 'unsubstantiated',
  disputed: 'disputed',
  corroborated: 'corroborated',
  debunked: 'debunked',
} as const satisfies Record<EvidenceStatus, string>;
export const VERDICT_LABELS = {
  true: 'true',
  mostly_true: 'mostly true',
  mixed: 'mixed',
  misleading: 'misleading',
  mostly_false: 'mostly false',
  false: 'false',
  unproven: 'unproven',
} as const satisfies Record<Verdict, string>;
export const PRIORITY_LABELS = {
  low: 'low',
  normal: 'normal',
  high: 'high',
  urgent: 'urgent',
} as const satisfies Record<Priority, string>;
export const STANCE_TYPE_LABELS = {
  asserted: 'asserted',
  repeated: 'repeated',
  supported: 'supported',
  rejected: 'rejected',
} as const satisfies Record<StanceType, string>;
export const ACTOR_KIND_LABELS = {
  person: 'person',
  government: 'government',
  organization: 'organization',
  media_outlet: 'media outlet',
  group: 'group',
} as const satisfies Record<ActorKind, string>;

export const EVIDENCE_KIND_LABELS = {
  document: 'document',
  official_statement: 'official statement',
  data: 'data',
  media: 'media',
  expert: 'expert',
  report: 'report',
  other: 'other',
} as const satisfies Record<EvidenceKind, string>;

const valuesOf = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as T[];
export const STATUSES = valuesOf<ClaimStatus>(STATUS_LABELS);
export const EVIDENCE_STATUSES = valuesOf<EvidenceStatus>(EVIDENCE_STATUS_LABELS);
export const VERDICTS = valuesOf<Verdict>(VERDICT_LABELS);
export const PRIORITIES = valuesOf<Priority>(PRIORITY_LABELS);
export const STANCE_TYPES = valuesOf<StanceType>(STANCE_TYPE_LABELS);
export const ACTOR_KINDS = valuesOf<ActorKind>(ACTOR_KIND_LABELS);
