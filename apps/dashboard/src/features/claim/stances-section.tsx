import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ifMatch, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import {
  ACTOR_KIND_LABELS,
  type ActorKind,
  dateOnly,
  STANCE_TYPE_LABELS,
  STANCE_TYPES,
} from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';
import { type Claim, removeFromClaim, useGuardedWrite } from './claim-api';
import { RemoveDialog } from './remove-dialog';
import { WriteFooter } from './write-footer';

type Stance = Claim['stances'][number];
const GROUP_TITLES = {
  asserted: 'Asserted by',
  repeated: 'Repeated by',
  supported: 'Supported by',
  rejected: 'Rejected by',
};

/** Who asserted, repeated, supported and rejected the claim, grouped by stance. */
export function StancesSection({ claim, canEdit }: { claim: Claim; canEdit: boolean }) {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Stance | null>(null);
  return (
    <section aria-labelledby="stances-title" className="card">
      <div className="row spread">
        <h2 id="stances-title">Who said it</h2>
        {canEdit && (
          <button type="button" onClick={() => setAdding(true)}>
            Add a stance
          </button>
        )}
      </div>
      {claim.stances.length === 0 && <p className="muted">Nobody recorded yet.</p>}
      {STANCE_TYPES.map((type) => {
        const group = claim.stances.filter((stance) => stance.type === type);
        if (group.length === 0) return null;
        return (
          <div key={type} className={`stance-group stance-${type}`}>
            <h3>{GROUP_TITLES[type]}</h3>
            <ul className="plain">
              {group.map((stance) => (
                <li key={stance.id}>
                  <Link to={`/actors/${stance.actor.id}`}>{stance.actor.name}</Link>
                  {stance.actor.title && <span>, {stance.actor.title}</span>}
                  {stance.actor.country && <span className="muted"> ({stance.actor.country})</span>}
                  {stance.statedAt && <span className="muted"> · {dateOnly(stance.statedAt)}</span>}
                  {stance.quote && <blockquote>“{stance.quote}”</blockquote>}
                  {stance.sourceUrl && (
                    <a href={stance.sourceUrl} rel="noreferrer noopener" target="_blank" className="small">
                      source
                    </a>
                  )}
                  {canEdit && (
                    <button type="button" className="link" onClick={() => setRemoving(stance)}>
                      Remove<span className="visually-hidden"> {stance.actor.name}’s stance</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <Dialog title="Add a stance" open={adding} onClose={() => setAdding(false)}>
        <AddStanceForm claim={claim} onDone={() => setAdding(false)} />
      </Dialog>
      <RemoveDialog
        title="Remove a stance"
        claim={claim}
        item={removing}
        describe={(stance) => `${stance.actor.name} (${stance.type})`}
        remove={(stance, reason) => removeFromClaim(claim.id, 'stances', stance.id, reason)}
        onDone={() => setRemoving(null)}
      />
    </section>
  );
}

type StanceBody = components['schemas']['CreateStanceDto'];

function AddStanceForm({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const [type, setType] = useState<StanceBody['type']>('rejected');
  const [actorName, setActorName] = useState('');
  const [kind, setKind] = useState<ActorKind>('person');
  const [title, setTitle] = useState('');
  const [quote, setQuote] = useState('');
  const [statedAt, setStatedAt] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const write = useGuardedWrite(claim);
  const matches = useQuery({
    queryKey: ['actors', 'search', actorName],
    queryFn: () => unwrap(api.GET('/v1/actors', { params: { query: { q: actorName, limit: 8 } } })),
    enabled: actorName.trim().length >= 2,
  });
  const existing = matches.data?.items.find(
    (actor) => actor.name.toLowerCase() === actorName.trim().toLowerCase(),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      type,
      ...(existing
        ? { actorId: existing.id }
        : { actor: { name: actorName.trim(), kind, ...(title ? { title } : {}) } }),
      ...(quote ? { quote } : {}),
      ...(statedAt ? { statedAt } : {}),
      ...(sourceUrl ? { sourceUrl } : {}),
    } as StanceBody;
    const ok = await write.run(() =>
      unwrap(
        api.POST('/v1/claims/{id}/stances', {
          params: { path: { id: claim.id }, header: ifMatch(claim.version) } as never,
          body,
        }),
      ).then(() => undefined),
    );
    if (ok) onDone();
  }

  const error = write.error;
  return (
    <form onSubmit={submit} className="stack">
      <SelectField
        id="stance-type"
        label="Stance"
        value={type}
        labels={STANCE_TYPE_LABELS}
        onChange={setType}
      />
      <label htmlFor="stance-actor">Actor</label>
      <input
        id="stance-actor"
        list="stance-actor-options"
        required
        value={actorName}
        onChange={(event) => setActorName(event.target.value)}
        aria-describedby="stance-actor-hint"
      />
      <datalist id="stance-actor-options">
        {matches.data?.items.map((actor) => (
          <option key={actor.id} value={actor.name} />
        ))}
      </datalist>
      <span id="stance-actor-hint" className="small muted">
        {existing
          ? `Known actor: ${existing.name}${existing.title ? `, ${existing.title}` : ''}`
          : 'A new actor is created when nobody of this name is known.'}
      </span>
      {!existing && (
        <>
          <SelectField
            id="stance-kind"
            label="Kind of actor"
            value={kind}
            labels={ACTOR_KIND_LABELS}
            onChange={setKind}
          />
          <label htmlFor="stance-title">Title (optional)</label>
          <input id="stance-title" value={title} onChange={(event) => setTitle(event.target.value)} />
        </>
      )}
      <TextField
        id="stance-quote"
        label="Quote (optional)"
        rows={2}
        value={quote}
        onChange={setQuote}
        error={error}
        field="quote"
      />
      <TextField
        id="stance-date"
        label="Stated on (optional)"
        type="date"
        value={statedAt}
        onChange={setStatedAt}
        error={error}
        field="statedAt"
      />
      <TextField
        id="stance-source"
        label="Source link (optional)"
        type="url"
        value={sourceUrl}
        onChange={setSourceUrl}
        error={error}
        field="sourceUrl"
      />
      <ProblemMessage error={error} fields={['quote', 'statedAt', 'sourceUrl']} />
      <WriteFooter claim={claim} write={write} submitLabel="Add stance" onCancel={onDone} />
    </form>
  );
}
