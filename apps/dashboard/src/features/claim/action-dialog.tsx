import { type FormEvent, useState } from 'react';
import { AssigneePicker } from '../../components/assignee-picker';
import { Dialog } from '../../components/dialog';
import {
  EVIDENCE_STATUSES,
  fromLocalInput,
  humanize,
  PRIORITIES,
  toLocalInput,
  VERDICTS,
} from '../../components/format';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';
import { ACTION_LABELS, type WorkflowAction } from './action-buttons';
import { type ActionBody, type Claim, postAction, useGuardedWrite } from './claim-api';
import { MergePrompt } from './merge-prompt';

/** The form for one workflow action: what its body needs, sent with If-Match. */
export function ActionDialog({
  action,
  claim,
  onClose,
}: {
  action: WorkflowAction | null;
  claim: Claim;
  onClose: () => void;
}) {
  return (
    <Dialog title={action ? ACTION_LABELS[action] : ''} open={!!action} onClose={onClose}>
      {action && <ActionForm key={action} action={action} claim={claim} onDone={onClose} />}
    </Dialog>
  );
}

function ActionForm({ action, claim, onDone }: { action: WorkflowAction; claim: Claim; onDone: () => void }) {
  const write = useGuardedWrite(claim);
  const [priority, setPriority] = useState<Claim['priority']>(claim.priority);
  const [dueAt, setDueAt] = useState(toLocalInput(claim.dueAt));
  const [text, setText] = useState('');
  const [assigneeId, setAssigneeId] = useState(claim.assigneeId ?? '');
  const [verdict, setVerdict] = useState<ActionBody['submit']['verdict']>(
    claim.currentReview?.verdict ?? 'unproven',
  );
  const [evidenceStatus, setEvidenceStatus] = useState<Claim['evidenceStatus']>(claim.evidenceStatus);

  function body(): ActionBody[WorkflowAction] {
    switch (action) {
      case 'triage':
        return { priority, dueAt: fromLocalInput(dueAt) };
      case 'dismiss':
        return { reason: text };
      case 'reopen':
        return { reason: text };
      case 'send_back':
        return { comment: text };
      case 'assign':
        return { assigneeId };
      case 'submit':
        return { verdict, summary: text, evidenceStatus };
      default:
        return undefined;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await write.run(() => postAction(claim, action, body() as never))) onDone();
  }

  const textField = { dismiss: 'reason', reopen: 'reason', send_back: 'comment', submit: 'summary' }[
    action as string
  ] as string | undefined;
  const error = write.error;
  return (
    <form onSubmit={submit} className="stack">
      {action === 'triage' && (
        <>
          <label htmlFor="triage-priority">Priority</label>
          <select
            id="triage-priority"
            value={priority}
            onChange={(event) => setPriority(event.target.value as Claim['priority'])}
          >
            {PRIORITIES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
          <FieldError error={error} field="priority" id="triage-priority-error" />
          <label htmlFor="triage-due">Due</label>
          <input
            id="triage-due"
            type="datetime-local"
            value={dueAt}
            onChange={(event) => setDueAt(event.target.value)}
            aria-describedby={describedBy(error, 'dueAt', 'triage-due-error')}
          />
          <FieldError error={error} field="dueAt" id="triage-due-error" />
        </>
      )}
      {action === 'assign' && (
        <>
          <AssigneePicker value={assigneeId} onChange={setAssigneeId} tags={claim.tags} />
          <FieldError error={error} field="assigneeId" id="assign-error" />
        </>
      )}
      {action === 'submit' && (
        <>
          <label htmlFor="submit-verdict">Verdict</label>
          <select
            id="submit-verdict"
            value={verdict}
            onChange={(event) => setVerdict(event.target.value as typeof verdict)}
          >
            {VERDICTS.map((value) => (
              <option key={value} value={value}>
                {humanize(value)}
              </option>
            ))}
          </select>
          <label htmlFor="submit-evidence">Evidence status</label>
          <select
            id="submit-evidence"
            value={evidenceStatus}
            onChange={(event) => setEvidenceStatus(event.target.value as Claim['evidenceStatus'])}
          >
            {EVIDENCE_STATUSES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </>
      )}
      {textField && (
        <>
          <label htmlFor="action-text">{humanize(textField).replace(/^./, (c) => c.toUpperCase())}</label>
          <textarea
            id="action-text"
            rows={4}
            required
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={describedBy(error, textField, 'action-text-error')}
          />
          <FieldError error={error} field={textField} id="action-text-error" />
        </>
      )}
      {(action === 'start' || action === 'publish') && (
        <p>
          {action === 'publish'
            ? 'Publishing makes this review public as a new published version.'
            : 'You start reviewing this claim.'}
        </p>
      )}
      <ProblemMessage error={error} fields={['priority', 'dueAt', 'assigneeId', textField ?? '']} />
      {write.conflictBase ? (
        <MergePrompt
          base={write.conflictBase}
          latest={claim.version !== write.conflictBase.version ? claim : undefined}
          draft={textField ? { [textField]: text } : undefined}
          onReload={write.acceptLatest}
          onDismiss={onDone}
        />
      ) : (
        <div className="row">
          <button
            type="submit"
            className="primary"
            disabled={write.busy || (action === 'assign' && !assigneeId)}
          >
            {ACTION_LABELS[action]}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
