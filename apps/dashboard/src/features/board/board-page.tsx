import { useQueries, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ifMatch, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import { AssigneePicker } from '../../components/assignee-picker';
import { DueLabel } from '../../components/badges';
import { useDeskPeople } from '../../components/desk-people';
import { Dialog } from '../../components/dialog';
import { fromLocalInput, PRIORITIES, STATUS_LABELS, toLocalInput } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';

type Item = components['schemas']['ClaimListItemView'];
type Priority = Item['priority'];
const COLUMNS = ['submitted', 'triaged', 'assigned', 'in_review', 'in_approval', 'published'] as const;
const ASSIGNABLE = ['triaged', 'assigned', 'in_review'];

/** Triage in place: a submitted claim is triaged (the action); a later one has its fields patched. */
function triageOne(item: Item, change: { priority?: Priority; dueAt?: string | null }) {
  const params = { path: { id: item.id }, header: ifMatch(item.version) };
  if (item.status === 'submitted')
    return unwrap(
      api.POST('/v1/claims/{id}/triage', {
        params,
        body: { priority: change.priority ?? item.priority, dueAt: change.dueAt ?? item.dueAt },
      }),
    );
  return unwrap(
    api.PATCH('/v1/claims/{id}', { params, body: change as components['schemas']['UpdateClaimDto'] }),
  );
}

function explain(error: unknown): unknown {
  if (error instanceof ApiProblem && error.status === 412)
    return new Error('Someone else changed this claim meanwhile; the board now shows the latest. Try again.');
  return error;
}

export function BoardPage() {
  const queryClient = useQueryClient();
  const { people, stats } = useDeskPeople(true);
  const columns = useQueries({
    queries: COLUMNS.map((status) => ({
      queryKey: ['board', status],
      queryFn: () => unwrap(api.GET('/v1/claims', { params: { query: { status, limit: 50 } } })),
    })),
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assigning, setAssigning] = useState<Item | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [bulkPriority, setBulkPriority] = useState<Priority>('high');
  const [bulkDue, setBulkDue] = useState('');
  const [status, setStatus] = useState('');
  const all = columns.flatMap((column) => column.data?.items ?? []);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['board'] });
    void queryClient.invalidateQueries({ queryKey: ['review-queue'] });
  };

  async function run(work: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await work();
      setStatus(done);
    } catch (caught) {
      setError(explain(caught));
    } finally {
      refresh();
    }
  }

  async function bulkTriage(event: FormEvent) {
    event.preventDefault();
    const items = all.filter((item) => selected.has(item.id));
    const change = { priority: bulkPriority, ...(bulkDue ? { dueAt: fromLocalInput(bulkDue) } : {}) };
    const results = await Promise.allSettled(items.map((item) => triageOne(item, change)));
    const failed = results.filter((result) => result.status === 'rejected');
    setSelected(new Set());
    refresh();
    setStatus(`${items.length - failed.length} of ${items.length} claim(s) triaged.`);
    setError(failed.length ? explain((failed[0] as PromiseRejectedResult).reason) : null);
  }

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  return (
    <section aria-labelledby="board-title">
      <h1 id="board-title">Editor board</h1>
      {stats.data && (
        <p className="muted">
          {stats.data.unassigned} unassigned · {stats.data.overdue} overdue ·{' '}
          {people
            .filter((person) => person.open > 0)
            .map((person) => `${person.name} ${person.open}`)
            .join(' · ')}
        </p>
      )}
      <form className="filters" onSubmit={bulkTriage} aria-label="Bulk triage">
        <span>{selected.size} selected</span>
        <label>
          Priority
          <select value={bulkPriority} onChange={(event) => setBulkPriority(event.target.value as Priority)}>
            {PRIORITIES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          Due
          <input type="datetime-local" value={bulkDue} onChange={(event) => setBulkDue(event.target.value)} />
        </label>
        <button type="submit" disabled={selected.size === 0}>
          Triage selected
        </button>
        <span role="status" aria-live="polite">
          {status}
        </span>
      </form>
      <ProblemMessage error={error} />
      <div className="board">
        {COLUMNS.map((column, index) => (
          <section key={column} className="column" aria-labelledby={`col-${column}`}>
            <h2 id={`col-${column}`}>
              {STATUS_LABELS[column]}{' '}
              <span className="muted">({columns[index].data?.items.length ?? '…'})</span>
            </h2>
            <ProblemMessage error={columns[index].error} />
            <ul className="plain">
              {columns[index].data?.items.map((item) => (
                <li key={item.id} className="board-card" data-testid="board-card">
                  <label className="row small">
                    <input type="checkbox" checked={selected.has(item.id)} onChange={() => toggle(item.id)} />
                    <span className="visually-hidden">Select “{item.text.slice(0, 60)}”</span>
                  </label>
                  <Link to={`/claims/${item.id}`}>{item.text}</Link>
                  <div className="row small">
                    <label>
                      <span className="visually-hidden">Priority of “{item.text.slice(0, 40)}”</span>
                      <select
                        value={item.priority}
                        disabled={column === 'published'}
                        onChange={(event) =>
                          void run(
                            () => triageOne(item, { priority: event.target.value as Priority }),
                            'Priority saved.',
                          )
                        }
                      >
                        {PRIORITIES.map((value) => (
                          <option key={value}>{value}</option>
                        ))}
                      </select>
                    </label>
                    <label>
                      <span className="visually-hidden">Due date of “{item.text.slice(0, 40)}”</span>
                      <input
                        type="datetime-local"
                        defaultValue={toLocalInput(item.dueAt)}
                        disabled={column === 'published'}
                        onBlur={(event) => {
                          const value = fromLocalInput(event.target.value);
                          if (value !== item.dueAt)
                            void run(() => triageOne(item, { dueAt: value }), 'Due date saved.');
                        }}
                      />
                    </label>
                  </div>
                  <div className="row small">
                    <DueLabel dueAt={item.dueAt} />
                    {item.assigneeId && (
                      <span>
                        {people.find((person) => person.id === item.assigneeId)?.name ?? 'assigned'}
                      </span>
                    )}
                    {ASSIGNABLE.includes(item.status) && (
                      <button type="button" className="link" onClick={() => setAssigning(item)}>
                        Assign<span className="visually-hidden"> “{item.text.slice(0, 40)}”</span>
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <Dialog title="Assign a fact-checker" open={!!assigning} onClose={() => setAssigning(null)}>
        {assigning && (
          <AssignForm
            item={assigning}
            onDone={(message) => {
              setAssigning(null);
              if (message) setStatus(message);
              refresh();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

function AssignForm({ item, onDone }: { item: Item; onDone: (message?: string) => void }) {
  const [assigneeId, setAssigneeId] = useState(item.assigneeId ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="stack"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          await unwrap(
            api.POST('/v1/claims/{id}/assign', {
              params: { path: { id: item.id }, header: ifMatch(item.version) },
              body: { assigneeId },
            }),
          );
          onDone('Assigned.');
        } catch (caught) {
          setError(explain(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <p>{item.text}</p>
      <AssigneePicker value={assigneeId} onChange={setAssigneeId} tags={item.tags} />
      <ProblemMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={!assigneeId || busy}>
          Assign
        </button>
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
