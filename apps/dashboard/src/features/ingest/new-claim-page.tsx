import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useDeferredValue, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { PRIORITIES } from '../../components/format';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';

type Body = components['schemas']['CreateClaimDto'];

export function NewClaimPage() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [summary, setSummary] = useState('');
  const [tags, setTags] = useState('');
  const [priority, setPriority] = useState<Body['priority']>('normal');
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
  const field = (name: string) => ({ 'aria-describedby': describedBy(error, name, `new-${name}-error`) });
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
        <label htmlFor="new-text">Claim</label>
        <textarea
          id="new-text"
          rows={3}
          required
          value={text}
          onChange={(event) => setText(event.target.value)}
          {...field('text')}
        />
        <FieldError error={error} field="text" id="new-text-error" />
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
        <label htmlFor="new-summary">Summary (optional)</label>
        <textarea
          id="new-summary"
          rows={2}
          value={summary}
          onChange={(event) => setSummary(event.target.value)}
          {...field('summary')}
        />
        <FieldError error={error} field="summary" id="new-summary-error" />
        <label htmlFor="new-tags">Tags (comma separated)</label>
        <input
          id="new-tags"
          value={tags}
          onChange={(event) => setTags(event.target.value)}
          {...field('tags')}
        />
        <FieldError error={error} field="tags" id="new-tags-error" />
        <label htmlFor="new-priority">Priority</label>
        <select
          id="new-priority"
          value={priority}
          onChange={(event) => setPriority(event.target.value as Body['priority'])}
        >
          {PRIORITIES.map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
        <label htmlFor="new-source">Source URL (optional)</label>
        <input
          id="new-source"
          type="url"
          value={sourceUrl}
          onChange={(event) => setSourceUrl(event.target.value)}
          {...field('source.url')}
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
