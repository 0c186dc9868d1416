import { type FormEvent, useState } from 'react';
import {
  EVIDENCE_STATUSES,
  fromLocalInput,
  humanize,
  PRIORITIES,
  toLocalInput,
} from '../../components/format';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';
import { type Claim, type ClaimEdit, type ClaimPatch, patchClaim, useGuardedWrite } from './claim-api';
import { type Draft, MergePrompt } from './merge-prompt';

const FIELDS = ['text', 'summary', 'tags', 'priority', 'dueAt', 'evidenceStatus'] as const;
type Field = (typeof FIELDS)[number];

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
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });

  async function save(event: FormEvent) {
    event.preventDefault();
    const patch = patchFor(start, draft, fields);
    if (Object.keys(patch).length === 0) return onDone();
    if (await write.run(() => patchClaim(claim, patch))) onDone();
  }

  const control = (field: Field) => {
    const id = `edit-${field}`;
    const aria = describedBy(error, field, `${id}-error`);
    const label = {
      text: 'Text',
      summary: 'Summary',
      tags: 'Tags (comma separated)',
      priority: 'Priority',
      dueAt: 'Due',
      evidenceStatus: 'Evidence status',
    }[field];
    let input;
    if (field === 'text' || field === 'summary')
      input = (
        <textarea
          id={id}
          rows={field === 'text' ? 3 : 2}
          value={draft[field]}
          onChange={set(field)}
          aria-describedby={aria}
        />
      );
    else if (field === 'priority' || field === 'evidenceStatus')
      input = (
        <select id={id} value={draft[field]} onChange={set(field)} aria-describedby={aria}>
          {(field === 'priority' ? PRIORITIES : EVIDENCE_STATUSES).map((value) => (
            <option key={value} value={value}>
              {humanize(value)}
            </option>
          ))}
        </select>
      );
    else
      input = (
        <input
          id={id}
          type={field === 'dueAt' ? 'datetime-local' : 'text'}
          value={draft[field]}
          onChange={set(field)}
          aria-describedby={aria}
        />
      );
    return (
      <div key={field} className="field">
        <label htmlFor={id}>{label}</label>
        {input}
        <FieldError error={error} field={field} id={`${id}-error`} />
      </div>
    );
  };

  return (
    <form onSubmit={save} className="card stack" aria-label="Edit claim">
      {fields.map(control)}
      <ProblemMessage error={error} fields={fields} />
      {write.conflictBase ? (
        <MergePrompt
          base={write.conflictBase}
          latest={claim.version !== write.conflictBase.version ? claim : undefined}
          draft={draft as unknown as Draft}
          onReload={write.acceptLatest}
          onDismiss={write.acceptLatest}
        />
      ) : (
        <div className="row">
          <button type="submit" className="primary" disabled={write.busy}>
            Save changes
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
