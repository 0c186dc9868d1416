import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { DueLabel, PriorityBadge, StatusBadge } from '../../components/badges';
import { useDeskPeople } from '../../components/desk-people';
import { EVIDENCE_STATUS_LABELS, VERDICT_LABELS } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';
import { useRoles } from '../auth/auth-provider';
import { ActionButtons, type WorkflowAction } from './action-buttons';
import { ActionDialog } from './action-dialog';
import { useClaim } from './claim-api';
import { ClaimEditForm } from './claim-edit-form';
import { EvidenceSection } from './evidence-section';
import { HistorySection } from './history-section';
import { NotesSection } from './notes-section';
import { PublishedSection } from './published-section';
import { StancesSection } from './stances-section';

const FIELD_EDITS = ['text', 'summary', 'tags', 'priority', 'dueAt', 'evidenceStatus'] as const;

export function ClaimPage() {
  const { id = '' } = useParams();
  const claim = useClaim(id);
  const { isEditor } = useRoles();
  const { people } = useDeskPeople(isEditor);
  const [action, setAction] = useState<WorkflowAction | null>(null);
  const [editing, setEditing] = useState(false);
  const data = claim.data;
  const similar = useQuery({
    queryKey: ['similar', data?.text],
    queryFn: () => unwrap(api.GET('/v1/claims/similar', { params: { query: { text: data!.text } } })),
    enabled: !!data,
    staleTime: 60_000,
  });

  useEffect(() => {
    // The browser tests measure navigation → content with this mark.
    if (data) performance.mark('claim-content');
  }, [data]);

  if (claim.error) return <ProblemMessage error={claim.error} />;
  if (!data) return <p className="muted">Loading the claim…</p>;
  const edits = data.allowedEdits;
  const canEditFields = FIELD_EDITS.some((field) => edits.includes(field));
  const assignee = people.find((person) => person.id === data.assigneeId);

  return (
    <article aria-labelledby="claim-text" className="claim">
      <div className="claim-head card">
        <p className="row">
          <StatusBadge status={data.status} /> <PriorityBadge priority={data.priority} />
          <span>
            Due <DueLabel dueAt={data.dueAt} />
          </span>
          <span>Evidence: {EVIDENCE_STATUS_LABELS[data.evidenceStatus]}</span>
          {data.verdict && <span>Verdict: {VERDICT_LABELS[data.verdict]}</span>}
          <span>
            Assignee: {assignee ? assignee.name : data.assigneeId ? 'someone on the desk' : 'nobody'}
          </span>
        </p>
        <h1 id="claim-text" data-testid="claim-text">
          {data.text}
        </h1>
        {data.summary && <p>{data.summary}</p>}
        {data.tags.length > 0 && (
          <ul className="tags" aria-label="Tags">
            {data.tags.map((tag) => (
              <li key={tag}>
                <Link to={`/?scope=all&tag=${encodeURIComponent(tag)}`}>{tag}</Link>
              </li>
            ))}
          </ul>
        )}
        {data.source && (
          <p className="small">
            Source:{' '}
            <a href={data.source.url} target="_blank" rel="noreferrer noopener">
              {data.source.title ?? data.source.url}
            </a>
            {data.source.outlet && ` (${data.source.outlet})`}
          </p>
        )}
        {data.currentReview && data.currentReview.outcome === 'pending' && (
          <p className="small">
            Review round {data.currentReview.round}: {VERDICT_LABELS[data.currentReview.verdict]} ·{' '}
            {data.currentReview.summary}
          </p>
        )}
        <ActionButtons allowed={data.allowedActions} onAction={setAction} />
        {canEditFields && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit claim
          </button>
        )}
      </div>
      {editing && <ClaimEditForm claim={data} allowed={edits} onDone={() => setEditing(false)} />}
      <ActionDialog action={action} claim={data} onClose={() => setAction(null)} />
      <div className="columns">
        <div>
          <StancesSection claim={data} canEdit={edits.includes('stances')} />
          <EvidenceSection claim={data} canEdit={edits.includes('evidence')} />
          <PublishedSection claim={data} />
          <NotesSection claimId={data.id} canWrite={edits.includes('notes')} isEditor={isEditor} />
        </div>
        <div>
          <section aria-labelledby="similar-title" className="card">
            <h2 id="similar-title">Similar claims</h2>
            <ul className="plain">
              {similar.data
                ?.filter((item) => item.id !== data.id)
                .map((item) => (
                  <li key={item.id}>
                    <Link to={`/claims/${item.id}`}>{item.text}</Link>{' '}
                    <span className="muted small">{Math.round(item.score * 100)}%</span>
                  </li>
                ))}
            </ul>
            {similar.data?.filter((item) => item.id !== data.id).length === 0 && (
              <p className="muted">None found.</p>
            )}
          </section>
          <HistorySection
            claimId={data.id}
            version={data.version}
            nameOf={(userId) => people.find((person) => person.id === userId)?.name ?? 'a desk member'}
          />
        </div>
      </div>
    </article>
  );
}
