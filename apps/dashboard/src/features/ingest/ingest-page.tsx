import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { TextField } from '../../components/fields';
import { ACTOR_KIND_LABELS, ACTOR_KINDS, STANCE_TYPES } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';
import { highlightPieces } from './highlight';

type Schemas = components['schemas'];
type Candidate = Schemas['CandidateView'];
type CandidateActor = Schemas['CandidateActorView'];

export function IngestPage() {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [outlet, setOutlet] = useState('');
  const [text, setText] = useState('');
  const [submittedText, setSubmittedText] = useState('');
  const ingest = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/sources/ingest', {
          body: {
            url,
            text,
            ...(title ? { title } : {}),
            ...(outlet ? { outlet } : {}),
          } as Schemas['IngestSourceDto'],
        }),
      ),
    onSuccess: () => setSubmittedText(text),
  });
  const error = ingest.error;

  function submit(event: FormEvent) {
    event.preventDefault();
    ingest.mutate();
  }

  const result = ingest.data;
  const ranked = result ? [...result.candidates].sort((a, b) => b.checkworthiness - a.checkworthiness) : [];
  return (
    <section aria-labelledby="ingest-title">
      <h1 id="ingest-title">Paste an article</h1>
      {!result && (
        <form onSubmit={submit} className="card stack">
          <TextField
            id="ingest-url"
            label="Article URL"
            type="url"
            required
            value={url}
            onChange={setUrl}
            error={error}
            field="url"
          />
          <div className="row">
            <label>
              Title
              <input value={title} onChange={(event) => setTitle(event.target.value)} />
            </label>
            <label>
              Outlet
              <input value={outlet} onChange={(event) => setOutlet(event.target.value)} />
            </label>
          </div>
          <TextField
            id="ingest-text"
            label="Article text"
            rows={14}
            required
            value={text}
            onChange={setText}
            error={error}
            field="text"
          />
          <ProblemMessage error={error} fields={['url', 'text']} />
          <div>
            <button type="submit" className="primary" disabled={ingest.isPending}>
              {ingest.isPending ? 'Reading the article…' : 'Find claims'}
            </button>
          </div>
        </form>
      )}
      {result && (
        <>
          <p>
            {result.candidates.length} candidate claim(s) in{' '}
            <strong>{result.source.title ?? result.source.url}</strong>.{' '}
            <button type="button" className="link" onClick={() => ingest.reset()}>
              Paste another article
            </button>
          </p>
          <div className="columns">
            <section aria-labelledby="article-title" className="card">
              <h2 id="article-title">The article</h2>
              <p className="article">
                {highlightPieces(submittedText, result.candidates).map((piece, index) =>
                  piece.id ? (
                    <mark key={index}>
                      <a href={`#candidate-${piece.id}`}>{piece.text}</a>
                    </mark>
                  ) : (
                    <span key={index}>{piece.text}</span>
                  ),
                )}
              </p>
            </section>
            <section aria-labelledby="candidates-title">
              <h2 id="candidates-title">Candidates, most check-worthy first</h2>
              <ol className="plain">
                {ranked.map((candidate) => (
                  <CandidateCard key={candidate.id} sourceId={result.source.id} candidate={candidate} />
                ))}
              </ol>
            </section>
          </div>
        </>
      )}
    </section>
  );
}

function stanceOf(actor: CandidateActor): Schemas['CreateStanceDto'] | null {
  if (!actor.stance) return null;
  const quote = actor.quote ? { quote: actor.quote } : {};
  if (actor.actorId)
    return { actorId: actor.actorId, type: actor.stance, ...quote } as Schemas['CreateStanceDto'];
  return {
    ...quote,
    type: actor.stance,
    actor: {
      name: actor.name,
      kind: actor.kind,
      ...(actor.title ? { title: actor.title } : {}),
      ...(actor.country ? { country: actor.country } : {}),
    },
  } as Schemas['CreateStanceDto'];
}

function CandidateCard({ sourceId, candidate }: { sourceId: string; candidate: Candidate }) {
  const [text, setText] = useState(candidate.text);
  const [actors, setActors] = useState<CandidateActor[]>(candidate.actors);
  const [decided, setDecided] = useState<{ status: 'accepted' | 'rejected'; claimId?: string } | null>(
    candidate.status === 'open'
      ? null
      : { status: candidate.status, claimId: candidate.claimId ?? undefined },
  );
  const params = { path: { id: sourceId, candidateId: candidate.id } };
  const accept = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/sources/{id}/candidates/{candidateId}/accept', {
          params,
          body: { text, actors: actors.map(stanceOf).filter((stance) => stance !== null) },
        }),
      ),
    onSuccess: (claim) => setDecided({ status: 'accepted', claimId: claim.id }),
  });
  const reject = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/sources/{id}/candidates/{candidateId}/reject', { params })),
    onSuccess: () => setDecided({ status: 'rejected' }),
  });
  const setActor = (index: number, change: Partial<CandidateActor>) =>
    setActors(
      actors.map((actor, at) =>
        at === index ? { ...actor, ...change, ...(change.name ? { actorId: null } : {}) } : actor,
      ),
    );
  const id = `candidate-${candidate.id}`;
  return (
    <li id={id} className="card candidate" tabIndex={-1} aria-labelledby={`${id}-score`}>
      <p id={`${id}-score`} className="small">
        Check-worthiness <strong>{Math.round(candidate.checkworthiness * 100)}%</strong>
        {candidate.similar.length > 0 && (
          <span>
            {' '}
            · looks like{' '}
            <Link to={`/claims/${candidate.similar[0].id}`}>{candidate.similar[0].text.slice(0, 60)}</Link>
          </span>
        )}
      </p>
      <blockquote className="small">{candidate.sentence}</blockquote>
      {decided ? (
        <p role="status">
          {decided.status === 'accepted' ? (
            <>
              Accepted: <Link to={`/claims/${decided.claimId}`}>open the claim</Link>
            </>
          ) : (
            'Rejected.'
          )}
        </p>
      ) : (
        <>
          <TextField
            id={`${id}-text`}
            label="Claim text"
            rows={3}
            value={text}
            onChange={setText}
            error={accept.error}
            field="text"
          />
          <fieldset>
            <legend>Actors</legend>
            {actors.map((actor, index) => (
              <div key={index} className="row small">
                <label>
                  Name
                  <input
                    value={actor.name}
                    onChange={(event) => setActor(index, { name: event.target.value })}
                  />
                </label>
                <label>
                  Kind
                  <select
                    value={actor.kind}
                    onChange={(event) =>
                      setActor(index, { kind: event.target.value as CandidateActor['kind'] })
                    }
                  >
                    {ACTOR_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {ACTOR_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Stance
                  <select
                    value={actor.stance ?? ''}
                    onChange={(event) =>
                      setActor(index, { stance: (event.target.value || null) as CandidateActor['stance'] })
                    }
                  >
                    <option value="">none</option>
                    {STANCE_TYPES.map((type) => (
                      <option key={type}>{type}</option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="link"
                  onClick={() => setActors(actors.filter((_, at) => at !== index))}
                >
                  Remove<span className="visually-hidden"> {actor.name}</span>
                </button>
              </div>
            ))}
            <button
              type="button"
              className="link"
              onClick={() =>
                setActors([
                  ...actors,
                  {
                    name: '',
                    kind: 'person',
                    stance: 'asserted',
                    actorId: null,
                    title: null,
                    country: null,
                    quote: null,
                  },
                ])
              }
            >
              Add an actor
            </button>
          </fieldset>
          <ProblemMessage error={accept.error ?? reject.error} fields={['text']} />
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => accept.mutate()}
              disabled={accept.isPending}
            >
              Accept as a claim
            </button>
            <button type="button" onClick={() => reject.mutate()} disabled={reject.isPending}>
              Reject
            </button>
          </div>
        </>
      )}
    </li>
  );
}
