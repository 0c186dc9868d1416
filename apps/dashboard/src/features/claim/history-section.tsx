import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { dateTime, humanize } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';

const brief = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** One line per changed field: `before → after` where the event recorded both, else the value. */
export function describeChanges(changes: unknown): string {
  if (!changes || typeof changes !== 'object') return '';
  const record = changes as Record<string, unknown>;
  const before = (record.before ?? {}) as Record<string, unknown>;
  const after = (record.after ?? {}) as Record<string, unknown>;
  if (record.after && typeof record.after === 'object')
    return Object.keys(after)
      .map((key) => `${key}: ${brief(before[key] ?? '—')} → ${brief(after[key])}`)
      .join('; ');
  return Object.entries(record)
    .filter(([key]) => !['claim', 'version', 'before', 'after'].includes(key))
    .slice(0, 5)
    .map(([key, value]) => `${key}: ${brief(value)}`)
    .join('; ');
}

export function HistorySection({ claimId, version }: { claimId: string; version: number }) {
  const history = useQuery({
    queryKey: ['claim', claimId, 'history', version],
    queryFn: () =>
      unwrap(
        api.GET('/v1/claims/{id}/history', { params: { path: { id: claimId }, query: { limit: 100 } } }),
      ),
  });
  return (
    <section aria-labelledby="history-title" className="card">
      <h2 id="history-title">History</h2>
      <ProblemMessage error={history.error} />
      <ol className="timeline">
        {history.data?.items.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.at}>{dateTime(entry.at)}</time>{' '}
            <strong>{humanize(entry.type.replace(/^claim\./, ''))}</strong>
            {entry.actor?.name && <span> by {entry.actor.name}</span>}
            <div className="small muted">{describeChanges(entry.changes)}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
