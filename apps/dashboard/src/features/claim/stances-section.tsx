import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ifMatch, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Dialog } from '../../components/dialog';
import { ACTOR_KINDS, dateOnly, humanize, STANCE_TYPES } from '../../components/format';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';
import { type Claim, removeFromClaim, useGuardedWrite } from './claim-api';
import { MergePrompt } from './merge-prompt';

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
      <Dialog title="Remove a stance" open={!!removing} onClose={() => setRemoving(null)}>
        {removing && (
          <RemoveForm
            claim={claim}
            label={`${removing.actor.name} (${removing.type})`}
            remove={(reason) => removeFromClaim(claim.id, 'stances', removing.id, reason)}
            onDone={() => setRemoving(null)}
          />
        )}
      </Dialog>
    </section>
  );
}

export function RemoveForm({
  claim,
  label,
  remove,
  onDone,
}: {
  claim: Claim;
  label: string;
  remove: (reason?: string) => Promise<void>;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const write = useGuardedWrite(claim);
  return (
    <form
      className="stack"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await write.run(() => remove(reason || undefined))) onDone();
      }}
    >
      <p>Remove {label}?</p>
      <label htmlFor="remove-reason">Reason (optional)</label>
      <input
        id="remove-reason"
        value={reason}
        maxLength={500}
        onChange={(event) => setReason(event.target.value)}
      />
      <FieldError error={write.error} field="reason" id="remove-reason-error" />
      <ProblemMessage error={write.error} fields={['reason']} />
      <div className="row">
        <button type="submit" className="danger" disabled={write.busy}>
          Remove
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type StanceBody = components['schemas']['CreateStanceDto'];

function AddStanceForm({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const [type, setType] = useState<StanceBody['type']>('rejected');
  const [actorName, setActorName] = useState('');
  const [kind, setKind] = useState<(typeof ACTOR_KINDS)[number]>('person');
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
      <label htmlFor="stance-type">Stance</label>
      <select
        id="stance-type"
        value={type}
        onChange={(event) => setType(event.target.value as StanceBody['type'])}
      >
        {STANCE_TYPES.map((value) => (
          <option key={value}>{value}</option>
        ))}
      </select>
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
          <label htmlFor="stance-kind">Kind of actor</label>
          <select
            id="stance-kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as typeof kind)}
          >
            {ACTOR_KINDS.map((value) => (
              <option key={value} value={value}>
                {humanize(value)}
              </option>
            ))}
          </select>
          <label htmlFor="stance-title">Title (optional)</label>
          <input id="stance-title" value={title} onChange={(event) => setTitle(event.target.value)} />
        </>
      )}
      <label htmlFor="stance-quote">Quote (optional)</label>
      <textarea
        id="stance-quote"
        rows={2}
        value={quote}
        onChange={(event) => setQuote(event.target.value)}
        aria-describedby={describedBy(error, 'quote', 'stance-quote-error')}
      />
      <FieldError error={error} field="quote" id="stance-quote-error" />
      <label htmlFor="stance-date">Stated on (optional)</label>
      <input
        id="stance-date"
        type="date"
        value={statedAt}
        onChange={(event) => setStatedAt(event.target.value)}
      />
      <FieldError error={error} field="statedAt" id="stance-date-error" />
      <label htmlFor="stance-source">Source link (optional)</label>
      <input
        id="stance-source"
        type="url"
        value={sourceUrl}
        onChange={(event) => setSourceUrl(event.target.value)}
        aria-describedby={describedBy(error, 'sourceUrl', 'stance-source-error')}
      />
      <FieldError error={error} field="sourceUrl" id="stance-source-error" />
      <ProblemMessage error={error} fields={['quote', 'statedAt', 'sourceUrl']} />
      {write.conflictBase ? (
        <MergePrompt
          base={write.conflictBase}
          latest={claim.version !== write.conflictBase.version ? claim : undefined}
          onReload={write.acceptLatest}
          onDismiss={onDone}
        />
      ) : (
        <div className="row">
          <button type="submit" className="primary" disabled={write.busy}>
            Add stance
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
