import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useDeferredValue, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextField } from '../../components/fields';
import { type Priority, PRIORITY_LABELS } from '../../components/format';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';

type Body = components['schemas']['CreateClaimDto'];

export function NewClaimPage() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [summary, setSummary] = useState('');
  const [tags, setTags] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [sourceUrl, setSourceUrl] = useState('');
  const deferred = useDeferredValue(text.trim());
  const similar = useQuery({
    queryKey: ['similar', deferred],
    queryFn: () => unwrap(api.GET('/v1/claims/similar', { params: { query: { text: deferred } } })),
    enabled: deferred.length >= 12,
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/claims', {
          body: {
            text,
            language: 'en',
            priority,
            tags: tags
              .split(',')
              .map((tag) => tag.trim())
              .filter(Boolean),
            ...(summary ? { summary } : {}),
            ...(sourceUrl ? { source: { url: sourceUrl } } : {}),
          } as Body,
        }),
      ),
    onSuccess: (claim) => navigate(`/claims/${claim.id}`),
  });
  const error = create.error;
  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">New claim</h1>
      <form
        className="card stack"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <TextField
          id="new-text"
          label="Claim"
          rows={3}
          required
          value={text}
          onChange={setText}
          error={error}
          field="text"
        />
        {similar.data && similar.data.length > 0 && (
          <div className="hint" role="status">
            Similar claims already on the desk:
            <ul>
              {similar.data.slice(0, 5).map((item) => (
                <li key={item.id}>
                  <Link to={`/claims/${item.id}`}>{item.text}</Link>
                </li>
              ))}
            </ul>
          </div>
        )}
        <TextField
          id="new-summary"
          label="Summary (optional)"
          rows={2}
          value={summary}
          onChange={setSummary}
          error={error}
          field="summary"
        />
        <TextField
          id="new-tags"
          label="Tags (comma separated)"
          value={tags}
          onChange={setTags}
          error={error}
          field="tags"
        />
        <SelectField
          id="new-priority"
          label="Priority"
          value={priority}
          labels={PRIORITY_LABELS}
          onChange={setPriority}
        />
        <label htmlFor="new-source">Source URL (optional)</label>
        <input
          id="new-source"
          type="url"
          value={sourceUrl}
          onChange={(event) => setSourceUrl(event.target.value)}
          aria-describedby={describedBy(error, 'source.url', 'new-source.url-error')}
        />
        <FieldError error={error} field="source" id="new-source.url-error" />
        <ProblemMessage error={error} fields={['text', 'summary', 'tags', 'source']} />
        <div>
          <button type="submit" className="primary" disabled={create.isPending}>
            Submit claim
          </button>{' '}
          <Link to="/ingest">or paste a whole article</Link>
        </div>
      </form>
    </section>
  );
}
