import { type FormEvent, useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { EVIDENCE_KIND_LABELS } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';
import { type Claim, removeFromClaim, useGuardedWrite } from './claim-api';
import { RemoveDialog } from './remove-dialog';
import { WriteFooter } from './write-footer';

type EvidenceBody = components['schemas']['CreateEvidenceDto'];
type Reliability = '' | NonNullable<EvidenceBody['reliability']>;
const RELATION_LABELS = {
  refutes: 'refutes',
  supports: 'supports',
  context: 'context',
} as const satisfies Record<EvidenceBody['relation'], string>;
const RELIABILITY_LABELS = {
  '': 'not rated',
  high: 'high',
  medium: 'medium',
  low: 'low',
} as const satisfies Record<Reliability, string>;

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
            <span className="muted">{EVIDENCE_KIND_LABELS[item.kind]}</span>
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
      <RemoveDialog
        title="Remove evidence"
        claim={claim}
        item={removing}
        describe={(item) => `“${item.summary.slice(0, 80)}”`}
        remove={(item, reason) => removeFromClaim(claim.id, 'evidence', item.id, reason)}
        onDone={() => setRemoving(null)}
      />
    </section>
  );
}

function AddEvidenceForm({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const [kind, setKind] = useState<EvidenceBody['kind']>('document');
  const [relation, setRelation] = useState<EvidenceBody['relation']>('refutes');
  const [reliability, setReliability] = useState<Reliability>('');
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
      <SelectField
        id="evidence-kind"
        label="Kind"
        value={kind}
        labels={EVIDENCE_KIND_LABELS}
        onChange={setKind}
      />
      <SelectField
        id="evidence-relation"
        label="Relation to the claim"
        value={relation}
        labels={RELATION_LABELS}
        onChange={setRelation}
      />
      <SelectField
        id="evidence-reliability"
        label="Reliability"
        value={reliability}
        labels={RELIABILITY_LABELS}
        onChange={setReliability}
      />
      <TextField
        id="evidence-summary"
        label="Summary"
        rows={3}
        required
        value={summary}
        onChange={setSummary}
        error={error}
        field="summary"
      />
      <TextField
        id="evidence-url"
        label="Link (optional)"
        type="url"
        value={url}
        onChange={setUrl}
        error={error}
        field="url"
      />
      <ProblemMessage error={error} fields={['summary', 'url']} />
      <WriteFooter claim={claim} write={write} submitLabel="Add evidence" onCancel={onDone} />
    </form>
  );
}
