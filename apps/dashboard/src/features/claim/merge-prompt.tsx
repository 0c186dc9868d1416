import type { Claim } from './claim-api';
import { claimChanges } from './claim-changes';

export interface Draft {
  [field: string]: string;
}

/**
 * Shown when a write came back 412: someone else changed the claim since the user loaded it. It lists
 * what changed, and the user's own unsaved values beside any field both touched; reloading keeps the
 * draft so the user can save it again on top of the new version.
 */
export function MergePrompt({
  base,
  latest,
  draft,
  onReload,
  onDismiss,
}: {
  base: Claim;
  latest: Claim | undefined;
  draft?: Draft;
  onReload: () => void;
  onDismiss: () => void;
}) {
  const changes = latest ? claimChanges(base, latest) : [];
  return (
    <div className="merge" role="alertdialog" aria-labelledby="merge-title" aria-describedby="merge-detail">
      <h2 id="merge-title">Someone else changed this claim meanwhile</h2>
      <p id="merge-detail">
        Your change was not saved: the claim is now at version {latest?.version ?? '…'} (you started from
        version {base.version}). What you typed is kept.
      </p>
      {latest && changes.length === 0 && <p>Nothing you can see here changed (the change was elsewhere).</p>}
      {changes.length > 0 && (
        <table className="list">
          <caption>What changed</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Was</th>
              <th scope="col">Now</th>
              {draft && <th scope="col">Yours (unsaved)</th>}
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field}>
                <th scope="row">{change.label}</th>
                <td>{change.before}</td>
                <td>{change.after}</td>
                {draft && <td>{draft[change.field] ?? ''}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={onReload} autoFocus>
          Reload the claim, keep what I typed
        </button>
        <button type="button" onClick={onDismiss}>
          Close
        </button>
      </div>
    </div>
  );
}
