import { useState } from 'react';
import { Dialog } from '../../components/dialog';
import { FieldError, ProblemMessage } from '../../components/problem-message';
import { type Claim, useGuardedWrite } from './claim-api';

/** "Remove … ?" with an optional reason, for a piece of evidence or a stance; open while `item` is set. */
export function RemoveDialog<T>({
  title,
  claim,
  item,
  describe,
  remove,
  onDone,
}: {
  title: string;
  claim: Claim;
  item: T | null;
  describe: (item: T) => string;
  remove: (item: T, reason?: string) => Promise<void>;
  onDone: () => void;
}) {
  return (
    <Dialog title={title} open={item !== null} onClose={onDone}>
      {item !== null && (
        <RemoveForm
          claim={claim}
          label={describe(item)}
          remove={(reason) => remove(item, reason)}
          onDone={onDone}
        />
      )}
    </Dialog>
  );
}

function RemoveForm({
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
