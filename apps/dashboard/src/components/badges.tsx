import { type ClaimStatus, dueLabel, isOverdue, STATUS_LABELS } from './format';

export function StatusBadge({ status }: { status: ClaimStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  return <span className={`badge priority-${priority}`}>{priority}</span>;
}

export function DueLabel({ dueAt }: { dueAt: string | null | undefined }) {
  if (!dueAt) return <span className="muted">no due date</span>;
  return (
    <time
      dateTime={dueAt}
      className={isOverdue(dueAt) ? 'overdue' : undefined}
      title={new Date(dueAt).toLocaleString()}
    >
      {dueLabel(dueAt)}
    </time>
  );
}
