export type WorkflowAction =
  'triage' | 'dismiss' | 'assign' | 'start' | 'submit' | 'send_back' | 'publish' | 'reopen';

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  triage: 'Triage',
  dismiss: 'Dismiss',
  assign: 'Assign',
  start: 'Start review',
  submit: 'Submit for approval',
  send_back: 'Send back',
  publish: 'Publish',
  reopen: 'Reopen for a correction',
};

const ORDER: WorkflowAction[] = [
  'triage',
  'assign',
  'start',
  'submit',
  'publish',
  'send_back',
  'reopen',
  'dismiss',
];

/** One button per action the API allows the caller now: no more, no fewer. */
export function ActionButtons({
  allowed,
  onAction,
  busy,
}: {
  allowed: readonly string[];
  onAction: (action: WorkflowAction) => void;
  busy?: boolean;
}) {
  const actions = ORDER.filter((action) => allowed.includes(action));
  if (actions.length === 0) return <p className="muted">No workflow action is open to you now.</p>;
  return (
    <div className="row" role="group" aria-label="Workflow actions">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={action === 'dismiss' ? 'danger' : 'primary'}
          disabled={busy}
          onClick={() => onAction(action)}
        >
          {ACTION_LABELS[action]}
        </button>
      ))}
    </div>
  );
}
