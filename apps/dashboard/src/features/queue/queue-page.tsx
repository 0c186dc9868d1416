import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { DueLabel, PriorityBadge, StatusBadge } from '../../components/badges';
import {
  type ClaimStatus,
  EVIDENCE_STATUS_LABELS,
  type EvidenceStatus,
  EVIDENCE_STATUSES,
  humanize,
  isOverdue,
  STATUSES,
  VERDICTS,
} from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';
import { useAuth } from '../auth/auth-provider';
import {
  claimsQueryFor,
  hasFilters,
  parseQueueFilters,
  type QueueFilters,
  queueSearch,
  SCOPES,
  withFilter,
} from './queue-filters';

const SCOPE_LABELS = { mine: 'My work', unassigned: 'Unassigned', overdue: 'Overdue', all: 'All' } as const;

interface Row {
  id: string;
  text: string;
  status: ClaimStatus;
  priority: string;
  evidenceStatus: EvidenceStatus;
  dueAt: string | null;
  tags: string[];
}

function useQueueRows(filters: QueueFilters, userId: string) {
  return useQuery({
    queryKey: ['queue', filters],
    queryFn: async (): Promise<{ items: Row[]; nextCursor: string | null }> => {
      if (!hasFilters(filters)) {
        return unwrap(
          api.GET('/v1/review-queue', {
            params: { query: { scope: filters.scope, cursor: filters.cursor } },
          }),
        );
      }
      const page = await unwrap(
        api.GET('/v1/claims', { params: { query: claimsQueryFor(filters, userId) as never } }),
      );
      const items =
        filters.scope === 'overdue' ? page.items.filter((item) => isOverdue(item.dueAt)) : page.items;
      return { items, nextCursor: page.nextCursor };
    },
  });
}

export function QueuePage() {
  const { user } = useAuth();
  const [search, setSearch] = useSearchParams();
  const filters = parseQueueFilters(search);
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  const rows = useQueueRows(filters, user!.id);
  const navigate = useNavigate();
  const [nothingWaiting, setNothingWaiting] = useState(false);
  const update = (change: Partial<QueueFilters>) => {
    if (!('cursor' in change)) setPrevious([]);
    setSearch(queueSearch(withFilter(filters, change)));
  };

  const takeNext = useMutation({
    mutationFn: async () => {
      const result = await api.POST('/v1/review-queue/next');
      if (result.response.status === 204) return null;
      return unwrap(Promise.resolve(result));
    },
    onSuccess: (claim) => {
      setNothingWaiting(!claim);
      if (claim) navigate(`/claims/${claim.id}`);
    },
  });

  return (
    <section aria-labelledby="queue-title">
      <div className="row spread">
        <h1 id="queue-title">Queues</h1>
        <div className="row">
          <button
            type="button"
            className="primary"
            onClick={() => takeNext.mutate()}
            disabled={takeNext.isPending}
          >
            Take next
          </button>
          <span role="status" aria-live="polite">
            {nothingWaiting && 'Nothing waiting: no unassigned triaged claim right now.'}
          </span>
        </div>
      </div>
      <ProblemMessage error={takeNext.error} />
      <nav aria-label="Queue" className="tabs">
        {SCOPES.map((scope) => (
          <Link
            key={scope}
            to={{ search: queueSearch(withFilter(filters, { scope })).toString() }}
            aria-current={filters.scope === scope ? 'page' : undefined}
            onClick={() => setPrevious([])}
          >
            {SCOPE_LABELS[scope]}
          </Link>
        ))}
      </nav>
      <QueueFilterBar filters={filters} onChange={update} />
      <ProblemMessage error={rows.error} />
      {rows.isPending && <p className="muted">Loading…</p>}
      {rows.data && (
        <>
          <table className="list">
            <caption className="visually-hidden">{SCOPE_LABELS[filters.scope]} claims</caption>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Status</th>
                <th scope="col">Priority</th>
                <th scope="col">Evidence</th>
                <th scope="col">Due</th>
                <th scope="col">Tags</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.items.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/claims/${row.id}`}>{row.text}</Link>
                  </td>
                  <td>
                    <StatusBadge status={row.status} />
                  </td>
                  <td>
                    <PriorityBadge priority={row.priority} />
                  </td>
                  <td>{EVIDENCE_STATUS_LABELS[row.evidenceStatus]}</td>
                  <td>
                    <DueLabel dueAt={row.dueAt} />
                  </td>
                  <td>{row.tags.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.data.items.length === 0 && <p className="muted">No claims here.</p>}
          <div className="row">
            <button
              type="button"
              disabled={!filters.cursor}
              onClick={() => {
                const back = previous.slice(0, -1);
                update({ cursor: previous[previous.length - 1] });
                setPrevious(back);
              }}
            >
              Previous page
            </button>
            <button
              type="button"
              disabled={!rows.data.nextCursor}
              onClick={() => {
                setPrevious([...previous, filters.cursor]);
                update({ cursor: rows.data.nextCursor ?? undefined });
              }}
            >
              Next page
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function QueueFilterBar({
  filters,
  onChange,
}: {
  filters: QueueFilters;
  onChange: (change: Partial<QueueFilters>) => void;
}) {
  const [q, setQ] = useState(filters.q ?? '');
  const [tag, setTag] = useState(filters.tag ?? '');
  const [actorText, setActorText] = useState('');
  const actors = useQuery({
    queryKey: ['actors', 'search', actorText],
    queryFn: () => unwrap(api.GET('/v1/actors', { params: { query: { q: actorText, limit: 10 } } })),
    enabled: actorText.length >= 2,
  });
  const select = (
    key: 'status' | 'evidenceStatus' | 'verdict',
    label: string,
    options: readonly string[],
  ) => (
    <label>
      {label}
      <select
        value={filters[key] ?? ''}
        onChange={(event) => onChange({ [key]: event.target.value || undefined })}
      >
        <option value="">any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {humanize(option)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      className="filters"
      role="search"
      aria-label="Filter claims"
      onSubmit={(event) => {
        event.preventDefault();
        const actor = actors.data?.items.find((item) => item.name === actorText);
        onChange({ q: q || undefined, tag: tag || undefined, ...(actor ? { actorId: actor.id } : {}) });
      }}
    >
      <label>
        Search
        <input
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          placeholder="words in the claim"
        />
      </label>
      {select('status', 'Status', STATUSES)}
      {select('evidenceStatus', 'Evidence status', EVIDENCE_STATUSES)}
      {select('verdict', 'Verdict', VERDICTS)}
      <label>
        Tag
        <input value={tag} onChange={(event) => setTag(event.target.value)} />
      </label>
      <label>
        Actor
        <input
          list="actor-options"
          value={actorText}
          onChange={(event) => setActorText(event.target.value)}
        />
        <datalist id="actor-options">
          {actors.data?.items.map((actor) => (
            <option key={actor.id} value={actor.name} />
          ))}
        </datalist>
      </label>
      <button type="submit">Apply</button>
      {hasFilters(filters) && (
        <button
          type="button"
          onClick={() => {
            setQ('');
            setTag('');
            setActorText('');
            onChange({
              status: undefined,
              evidenceStatus: undefined,
              verdict: undefined,
              tag: undefined,
              actorId: undefined,
              q: undefined,
            });
          }}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
