import { dueLabel, humanize, isOverdue } from './format';

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{humanize(status)}</span>;
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
