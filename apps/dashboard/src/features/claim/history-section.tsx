import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { dateTime } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';
import { describeHistoryEntry, type HistoryEntry, type NameOf } from './history-text';

/** One line of the timeline: when, who did what, and the particulars (from → to, reasons, verdicts). */
export function HistoryItem({ entry, nameOf }: { entry: HistoryEntry; nameOf: NameOf }) {
  const { summary, details } = describeHistoryEntry(entry, nameOf);
  return (
    <li data-event-type={entry.type}>
      <time dateTime={entry.at}>{dateTime(entry.at)}</time> <strong>{summary}</strong>
      {details.length > 0 && (
        <ul className="history-details small muted">
          {details.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function HistorySection({
  claimId,
  version,
  nameOf,
}: {
  claimId: string;
  version: number;
  nameOf: NameOf;
}) {
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
          <HistoryItem key={entry.id} entry={entry} nameOf={nameOf} />
        ))}
      </ol>
    </section>
  );
}
