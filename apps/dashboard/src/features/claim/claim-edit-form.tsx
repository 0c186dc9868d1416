import { type FormEvent, useState } from 'react';
import { SelectField, TextField } from '../../components/fields';
import {
  EVIDENCE_STATUS_LABELS,
  fromLocalInput,
  PRIORITY_LABELS,
  toLocalInput,
} from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';
import { type Claim, type ClaimEdit, type ClaimPatch, patchClaim, useGuardedWrite } from './claim-api';
import { WriteFooter } from './write-footer';

const FIELDS = ['text', 'summary', 'tags', 'priority', 'dueAt', 'evidenceStatus'] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = {
  text: 'Text',
  summary: 'Summary',
  tags: 'Tags (comma separated)',
  priority: 'Priority',
  dueAt: 'Due',
  evidenceStatus: 'Evidence status',
};

function draftOf(claim: Claim): Record<Field, string> {
  return {
    text: claim.text,
    summary: claim.summary ?? '',
    tags: claim.tags.join(', '),
    priority: claim.priority,
    dueAt: toLocalInput(claim.dueAt),
    evidenceStatus: claim.evidenceStatus,
  };
}

/**
 * The fields the user changed since opening the form. Compared with where the user started, not with
 * the latest claim: after a 412 and a reload, fields the user left alone keep the other person's change.
 */
export function patchFor(
  start: Record<Field, string>,
  draft: Record<Field, string>,
  fields: readonly Field[],
): ClaimPatch {
  const patch: ClaimPatch = {};
  for (const field of fields) {
    if (draft[field] === start[field]) continue;
    if (field === 'tags')
      patch.tags = draft.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean);
    else if (field === 'dueAt') patch.dueAt = fromLocalInput(draft.dueAt);
    else if (field === 'summary') patch.summary = draft.summary || null;
    else if (field === 'priority') patch.priority = draft.priority as Claim['priority'];
    else if (field === 'evidenceStatus')
      patch.evidenceStatus = draft.evidenceStatus as Claim['evidenceStatus'];
    else patch.text = draft.text;
  }
  return patch;
}

/** Edit controls for exactly the claim fields in `allowedEdits`. */
export function ClaimEditForm({
  claim,
  allowed,
  onDone,
}: {
  claim: Claim;
  allowed: readonly ClaimEdit[];
  onDone: () => void;
}) {
  const fields = FIELDS.filter((field) => allowed.includes(field));
  const [start] = useState(() => draftOf(claim));
  const [draft, setDraft] = useState(start);
  const write = useGuardedWrite(claim);
  const error = write.error;

  async function save(event: FormEvent) {
    event.preventDefault();
    const patch = patchFor(start, draft, fields);
    if (Object.keys(patch).length === 0) return onDone();
    if (await write.run(() => patchClaim(claim, patch))) onDone();
  }

  const control = (field: Field) => {
    const props = { id: `edit-${field}`, label: LABELS[field], error, field };
    const onChange = (value: string) => setDraft({ ...draft, [field]: value });
    return (
      <div key={field} className="field">
        {field === 'priority' ? (
          <SelectField {...props} value={draft[field]} labels={PRIORITY_LABELS} onChange={onChange} />
        ) : field === 'evidenceStatus' ? (
          <SelectField {...props} value={draft[field]} labels={EVIDENCE_STATUS_LABELS} onChange={onChange} />
        ) : (
          <TextField
            {...props}
            value={draft[field]}
            onChange={onChange}
            rows={field === 'text' ? 3 : field === 'summary' ? 2 : undefined}
            type={field === 'dueAt' ? 'datetime-local' : 'text'}
          />
        )}
      </div>
    );
  };

  return (
    <form onSubmit={save} className="card stack" aria-label="Edit claim">
      {fields.map(control)}
      <ProblemMessage error={error} fields={fields} />
      <WriteFooter
        claim={claim}
        write={write}
        submitLabel="Save changes"
        onCancel={onDone}
        onDismiss={write.acceptLatest}
        draft={draft}
      />
    </form>
  );
}
