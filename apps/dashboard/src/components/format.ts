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

export const STATUSES = [
  'submitted',
  'triaged',
  'assigned',
  'in_review',
  'in_approval',
  'published',
  'dismissed',
] as const;
export const EVIDENCE_STATUSES = [
  'unverified',
  'unsubstantiated',
  'disputed',
  'corroborated',
  'debunked',
] as const;
export const VERDICTS = [
  'true',
  'mostly_true',
  'mixed',
  'misleading',
  'mostly_false',
  'false',
  'unproven',
] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const STANCE_TYPES = ['asserted', 'repeated', 'supported', 'rejected'] as const;
export const ACTOR_KINDS = ['person', 'government', 'organization', 'media_outlet', 'group'] as const;
