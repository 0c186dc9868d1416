import { type FormEvent, useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Dialog } from '../../components/dialog';
import { humanize } from '../../components/format';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';
import { type Claim, removeFromClaim, useGuardedWrite } from './claim-api';
import { MergePrompt } from './merge-prompt';
import { RemoveForm } from './stances-section';

type EvidenceBody = components['schemas']['CreateEvidenceDto'];
const KINDS: EvidenceBody['kind'][] = [
  'document',
  'official_statement',
  'data',
  'media',
  'expert',
  'report',
  'other',
];
const RELATIONS: EvidenceBody['relation'][] = ['refutes', 'supports', 'context'];

export function EvidenceSection({ claim, canEdit }: { claim: Claim; canEdit: boolean }) {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Claim['evidence'][number] | null>(null);
  return (
    <section aria-labelledby="evidence-title" className="card">
      <div className="row spread">
        <h2 id="evidence-title">Evidence</h2>
        {canEdit && (
          <button type="button" onClick={() => setAdding(true)}>
            Add evidence
          </button>
        )}
      </div>
      {claim.evidence.length === 0 && <p className="muted">No evidence yet.</p>}
      <ul className="plain">
        {claim.evidence.map((item) => (
          <li key={item.id} className={`evidence relation-${item.relation}`}>
            <span className="badge">{item.relation}</span>{' '}
            <span className="muted">{humanize(item.kind)}</span>
            {item.reliability && <span className="muted"> · reliability {item.reliability}</span>}
            <p>{item.summary}</p>
            {item.url && (
              <a href={item.url} target="_blank" rel="noreferrer noopener" className="small">
                {item.url}
              </a>
            )}
            {canEdit && (
              <button type="button" className="link" onClick={() => setRemoving(item)}>
                Remove<span className="visually-hidden"> evidence “{item.summary.slice(0, 40)}”</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <Dialog title="Add evidence" open={adding} onClose={() => setAdding(false)}>
        <AddEvidenceForm claim={claim} onDone={() => setAdding(false)} />
      </Dialog>
      <Dialog title="Remove evidence" open={!!removing} onClose={() => setRemoving(null)}>
        {removing && (
          <RemoveForm
            claim={claim}
            label={`“${removing.summary.slice(0, 80)}”`}
            remove={(reason) => removeFromClaim(claim.id, 'evidence', removing.id, reason)}
            onDone={() => setRemoving(null)}
          />
        )}
      </Dialog>
    </section>
  );
}

function AddEvidenceForm({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const [kind, setKind] = useState<EvidenceBody['kind']>('document');
  const [relation, setRelation] = useState<EvidenceBody['relation']>('refutes');
  const [reliability, setReliability] = useState<'' | 'high' | 'medium' | 'low'>('');
  const [summary, setSummary] = useState('');
  const [url, setUrl] = useState('');
  const write = useGuardedWrite(claim);
  const error = write.error;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      kind,
      relation,
      summary,
      ...(reliability ? { reliability } : {}),
      ...(url ? { url } : {}),
    } as EvidenceBody;
    const ok = await write.run(() =>
      unwrap(
        api.POST('/v1/claims/{id}/evidence', {
          params: { path: { id: claim.id }, header: ifMatch(claim.version) } as never,
          body,
        }),
      ).then(() => undefined),
    );
    if (ok) onDone();
  }

  return (
    <form onSubmit={submit} className="stack">
      <label htmlFor="evidence-kind">Kind</label>
      <select
        id="evidence-kind"
        value={kind}
        onChange={(event) => setKind(event.target.value as EvidenceBody['kind'])}
      >
        {KINDS.map((value) => (
          <option key={value} value={value}>
            {humanize(value)}
          </option>
        ))}
      </select>
      <label htmlFor="evidence-relation">Relation to the claim</label>
      <select
        id="evidence-relation"
        value={relation}
        onChange={(event) => setRelation(event.target.value as EvidenceBody['relation'])}
      >
        {RELATIONS.map((value) => (
          <option key={value}>{value}</option>
        ))}
      </select>
      <label htmlFor="evidence-reliability">Reliability</label>
      <select
        id="evidence-reliability"
        value={reliability}
        onChange={(event) => setReliability(event.target.value as typeof reliability)}
      >
        <option value="">not rated</option>
        <option>high</option>
        <option>medium</option>
        <option>low</option>
      </select>
      <label htmlFor="evidence-summary">Summary</label>
      <textarea
        id="evidence-summary"
        rows={3}
        required
        value={summary}
        onChange={(event) => setSummary(event.target.value)}
        aria-describedby={describedBy(error, 'summary', 'evidence-summary-error')}
      />
      <FieldError error={error} field="summary" id="evidence-summary-error" />
      <label htmlFor="evidence-url">Link (optional)</label>
      <input
        id="evidence-url"
        type="url"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        aria-describedby={describedBy(error, 'url', 'evidence-url-error')}
      />
      <FieldError error={error} field="url" id="evidence-url-error" />
      <ProblemMessage error={error} fields={['summary', 'url']} />
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
            Add evidence
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
