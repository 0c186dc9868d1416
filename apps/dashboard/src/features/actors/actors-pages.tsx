import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { StatusBadge } from '../../components/badges';
import { ACTOR_KIND_LABELS, dateOnly, STANCE_TYPE_LABELS, STANCE_TYPES } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';

export function ActorsPage() {
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const deferred = useDeferredValue(q);
  const actors = useQuery({
    queryKey: ['actors', 'list', deferred],
    queryFn: () =>
      unwrap(
        api.GET('/v1/actors', { params: { query: { ...(deferred ? { q: deferred } : {}), limit: 50 } } }),
      ),
  });
  return (
    <section aria-labelledby="actors-title">
      <h1 id="actors-title">Actors</h1>
      <form
        role="search"
        aria-label="Actors"
        onSubmit={(event) => event.preventDefault()}
        className="filters"
      >
        <label>
          Search actors
          <input
            type="search"
            value={q}
            onChange={(event) =>
              setSearch(event.target.value ? { q: event.target.value } : {}, { replace: true })
            }
          />
        </label>
      </form>
      <ProblemMessage error={actors.error} />
      <table className="list">
        <caption className="visually-hidden">Actors</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Title</th>
            <th scope="col">Country</th>
          </tr>
        </thead>
        <tbody>
          {actors.data?.items.map((actor) => (
            <tr key={actor.id}>
              <td>
                <Link to={`/actors/${actor.id}`}>{actor.name}</Link>
              </td>
              <td>{ACTOR_KIND_LABELS[actor.kind]}</td>
              <td>{actor.title}</td>
              <td>{actor.country}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ActorPage() {
  const { id = '' } = useParams();
  const actor = useQuery({
    queryKey: ['actors', id],
    queryFn: () => unwrap(api.GET('/v1/actors/{id}', { params: { path: { id } } })),
  });
  if (actor.error) return <ProblemMessage error={actor.error} />;
  const data = actor.data;
  if (!data) return <p className="muted">Loading…</p>;
  return (
    <article aria-labelledby="actor-name">
      <h1 id="actor-name">{data.name}</h1>
      <p>
        {ACTOR_KIND_LABELS[data.kind]}
        {data.title && ` · ${data.title}`}
        {data.country && ` · ${data.country}`}
        {data.aliases.length > 0 && ` · also known as ${data.aliases.join(', ')}`}
      </p>
      {STANCE_TYPES.map((type) => {
        const stances = data.claims.filter((stance) => stance.type === type);
        if (stances.length === 0) return null;
        return (
          <section key={type} className="card" aria-labelledby={`actor-${type}`}>
            <h2 id={`actor-${type}`}>{STANCE_TYPE_LABELS[type].replace(/^./, (c) => c.toUpperCase())}</h2>
            <ul className="plain">
              {stances.map((stance) => (
                <li key={stance.stanceId}>
                  <Link to={`/claims/${stance.claim.id}`}>{stance.claim.text}</Link>{' '}
                  <StatusBadge status={stance.claim.status} />
                  {stance.statedAt && <span className="muted small"> · {dateOnly(stance.statedAt)}</span>}
                  {stance.quote && <blockquote>“{stance.quote}”</blockquote>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {data.claims.length === 0 && <p className="muted">No claims recorded for this actor.</p>}
      {data.claimsTruncated && <p className="muted">Only the most recent claims are shown.</p>}
    </article>
  );
}
