import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { dateTime, humanize } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';

function describeChanges(changes: unknown): string {
  if (!changes || typeof changes !== 'object') return '';
  return Object.entries(changes as Record<string, unknown>)
    .slice(0, 6)
    .map(([key, value]) => {
      if (value && typeof value === 'object' && 'to' in value)
        return `${key} → ${String((value as { to: unknown }).to)}`;
      if (value && typeof value === 'object') return `${key}: ${JSON.stringify(value).slice(0, 80)}`;
      return `${key}: ${String(value)}`;
    })
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
