import { type FormEvent, useState } from 'react';
import { AssigneePicker } from '../../components/assignee-picker';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import {
  EVIDENCE_STATUS_LABELS,
  fromLocalInput,
  humanize,
  PRIORITY_LABELS,
  toLocalInput,
  VERDICT_LABELS,
} from '../../components/format';
import { FieldError, ProblemMessage } from '../../components/problem-message';
import { ACTION_LABELS, type WorkflowAction } from './action-buttons';
import { type ActionBody, type Claim, postAction, useGuardedWrite } from './claim-api';
import { WriteFooter } from './write-footer';

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
          <SelectField
            id="triage-priority"
            label="Priority"
            value={priority}
            labels={PRIORITY_LABELS}
            onChange={setPriority}
            error={error}
            field="priority"
          />
          <TextField
            id="triage-due"
            label="Due"
            type="datetime-local"
            value={dueAt}
            onChange={setDueAt}
            error={error}
            field="dueAt"
          />
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
          <SelectField
            id="submit-verdict"
            label="Verdict"
            value={verdict}
            labels={VERDICT_LABELS}
            onChange={setVerdict}
          />
          <SelectField
            id="submit-evidence"
            label="Evidence status"
            value={evidenceStatus}
            labels={EVIDENCE_STATUS_LABELS}
            onChange={setEvidenceStatus}
          />
        </>
      )}
      {textField && (
        <TextField
          id="action-text"
          label={humanize(textField).replace(/^./, (c) => c.toUpperCase())}
          rows={4}
          required
          value={text}
          onChange={setText}
          error={error}
          field={textField}
        />
      )}
      {(action === 'start' || action === 'publish') && (
        <p>
          {action === 'publish'
            ? 'Publishing makes this review public as a new published version.'
            : 'You start reviewing this claim.'}
        </p>
      )}
      <ProblemMessage error={error} fields={['priority', 'dueAt', 'assigneeId', textField ?? '']} />
      <WriteFooter
        claim={claim}
        write={write}
        submitLabel={ACTION_LABELS[action]}
        onCancel={onDone}
        draft={textField ? { [textField]: text } : undefined}
        disabled={action === 'assign' && !assigneeId}
      />
    </form>
  );
}
