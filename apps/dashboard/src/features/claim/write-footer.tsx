import type { ReactNode } from 'react';
import { type Claim, useGuardedWrite } from './claim-api';
import { type Draft, MergePrompt } from './merge-prompt';

/**
 * The end of every guarded claim form: after a 412 the merge prompt, otherwise the submit button and
 * Cancel.
 */
export function WriteFooter({
  claim,
  write,
  submitLabel,
  onCancel,
  onDismiss = onCancel,
  draft,
  disabled = false,
}: {
  claim: Claim;
  write: ReturnType<typeof useGuardedWrite>;
  submitLabel: ReactNode;
  onCancel: () => void;
  onDismiss?: () => void;
  draft?: Draft;
  disabled?: boolean;
}) {
  if (write.conflictBase)
    return (
      <MergePrompt
        base={write.conflictBase}
        latest={claim.version !== write.conflictBase.version ? claim : undefined}
        draft={draft}
        onReload={write.acceptLatest}
        onDismiss={onDismiss}
      />
    );
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={write.busy || disabled}>
        {submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
