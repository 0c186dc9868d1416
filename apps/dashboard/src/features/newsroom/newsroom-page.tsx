import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { dateTime } from '../../components/format';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';
import { useRoles } from '../auth/auth-provider';
import {
  emptyDraft,
  tagList,
  type Webhook,
  WEBHOOK_FIELDS,
  WebhookEditForm,
  WebhookFields,
  type WebhookPatch,
} from './webhook-form';

/** A secret or key shown exactly once, with a copy button. */
function ShownOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  return (
    <div className="secret" role="alert">
      <p>
        <strong>{label}</strong> (shown once; store it now):
      </p>
      <code data-testid="shown-once">{value}</code>
      <div className="row">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(value)}>
          Copy
        </button>
        <button type="button" onClick={onDone}>
          I stored it
        </button>
      </div>
    </div>
  );
}

export function NewsroomPage() {
  const { isAdmin } = useRoles();
  if (!isAdmin) return <p>Newsroom settings are for admins.</p>;
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Newsroom settings</h1>
      <ApiKeys />
      <Webhooks />
    </section>
  );
}

function ApiKeys() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => unwrap(api.GET('/v1/api-keys', { params: { query: { limit: 100 } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['api-keys'] });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/api-keys', { body: { name, role: 'newsroom' } })),
    onSuccess: (key) => {
      setIssued(key.key);
      setName('');
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/api-keys/{id}', { params: { path: { id } } })),
    onSettled: refresh,
  });
  return (
    <section aria-labelledby="keys-title" className="card">
      <h2 id="keys-title">API keys</h2>
      {issued && <ShownOnce label="New API key" value={issued} onDone={() => setIssued(null)} />}
      <form
        className="row"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <label>
          Newsroom name
          <input
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-describedby={describedBy(create.error, 'name', 'key-name-error')}
          />
        </label>
        <button type="submit" disabled={create.isPending}>
          Create key
        </button>
        <FieldError error={create.error} field="name" id="key-name-error" />
      </form>
      <ProblemMessage error={keys.error ?? create.error ?? revoke.error} fields={['name']} />
      <table className="list">
        <caption className="visually-hidden">API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {keys.data?.items.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{dateTime(key.createdAt)}</td>
              <td>{dateTime(key.lastUsedAt) || 'never'}</td>
              <td>
                {key.revokedAt ? (
                  `revoked ${dateTime(key.revokedAt)}`
                ) : (
                  <button type="button" className="danger" onClick={() => revoke.mutate(key.id)}>
                    Revoke<span className="visually-hidden"> {key.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Webhooks() {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(emptyDraft);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const hooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => unwrap(api.GET('/v1/webhooks', { params: { query: { limit: 100 } } })),
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/webhooks', {
          body: {
            url: draft.url.trim(),
            events: draft.events,
            tags: tagList(draft.tags),
            ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
          },
        }),
      ),
    onSuccess: (hook) => {
      setSecret(hook.secret);
      setDraft(emptyDraft());
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const error = create.error;
  return (
    <section aria-labelledby="hooks-title" className="card">
      <h2 id="hooks-title">Webhook endpoints</h2>
      {secret && <ShownOnce label="Signing secret" value={secret} onDone={() => setSecret(null)} />}
      <form
        className="stack"
        aria-label="New webhook endpoint"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <WebhookFields idPrefix="hook" draft={draft} onChange={setDraft} error={error} />
        <ProblemMessage error={error} fields={WEBHOOK_FIELDS} />
        <div>
          <button type="submit" className="primary" disabled={create.isPending || draft.events.length === 0}>
            Add endpoint
          </button>
        </div>
      </form>
      <ProblemMessage error={hooks.error} />
      <ul className="plain">
        {hooks.data?.items.map((hook) => (
          <li key={hook.id} className="webhook">
            <div className="row spread">
              <span>
                <code>{hook.url}</code>{' '}
                {hook.active ? (
                  <span className="badge">active</span>
                ) : (
                  <span className="badge danger">disabled</span>
                )}
                <br />
                <span className="small muted">
                  {hook.description && `${hook.description} · `}
                  {hook.events.join(', ')}
                  {hook.tags.length > 0 && ` · tags: ${hook.tags.join(', ')}`}
                  {hook.disabledReason && ` · ${hook.disabledReason}`}
                </span>
              </span>
              <button
                type="button"
                aria-expanded={open === hook.id}
                onClick={() => setOpen(open === hook.id ? null : hook.id)}
              >
                {open === hook.id ? 'Hide' : 'Manage'}
                <span className="visually-hidden"> {hook.url}</span>
              </button>
            </div>
            {open === hook.id && <WebhookDetail hook={hook} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** PATCH guarded by the version the page shows: a change made meanwhile answers 412, not overwritten. */
const patchWebhook = (hook: Webhook, body: WebhookPatch) =>
  unwrap(
    api.PATCH('/v1/webhooks/{id}', {
      params: { path: { id: hook.id }, header: ifMatch(hook.version) },
      body,
    }),
  );

function WebhookDetail({ hook }: { hook: Webhook }) {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState(false);
  const path = { path: { id: hook.id } };
  const deliveries = useQuery({
    queryKey: ['webhooks', hook.id, 'deliveries'],
    queryFn: () =>
      unwrap(api.GET('/v1/webhooks/{id}/deliveries', { params: { ...path, query: { limit: 50 } } })),
    refetchInterval: 5000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const test = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/webhooks/{id}/test', { params: path })),
    onSuccess: () => {
      setMessage('Test event queued.');
      void refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/webhooks/{id}/rotate-secret', { params: path })),
    onSuccess: (rotated) => {
      setSecret(rotated.secret);
      setMessage(`The previous secret stays valid until ${dateTime(rotated.previousSecretExpiresAt)}.`);
    },
  });
  const toggle = useMutation({
    mutationFn: () => patchWebhook(hook, { active: !hook.active }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/webhooks/{id}', { params: path })),
    onSettled: refresh,
  });
  const retry = useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/v1/webhooks/{id}/deliveries/{deliveryId}/retry', {
          params: { path: { id: hook.id, deliveryId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['webhooks', hook.id, 'deliveries'] }),
  });
  return (
    <div className="stack">
      {secret && <ShownOnce label="New signing secret" value={secret} onDone={() => setSecret(null)} />}
      <div className="row">
        <button type="button" onClick={() => test.mutate()}>
          Send a test event
        </button>
        <button type="button" onClick={() => rotate.mutate()}>
          Rotate secret
        </button>
        <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          Edit endpoint
        </button>
        <button type="button" onClick={() => toggle.mutate()}>
          {hook.active ? 'Disable' : 'Enable'}
        </button>
        <button type="button" className="danger" onClick={() => remove.mutate()}>
          Delete endpoint
        </button>
        <span role="status">{message}</span>
      </div>
      {editing && (
        <WebhookEditForm
          hook={hook}
          save={(patch) =>
            patchWebhook(hook, patch).catch((error: unknown) => {
              // Someone changed it meanwhile: load the latest, so saving again applies on top of it.
              if (error instanceof ApiProblem && error.status === 412) void refresh();
              throw error;
            })
          }
          onSaved={(saved) => {
            setEditing(false);
            setMessage(`Saved: the endpoint now delivers to ${saved.url}.`);
            queryClient.setQueryData(
              ['webhooks'],
              (page: { items: Webhook[] } | undefined) =>
                page && { ...page, items: page.items.map((item) => (item.id === saved.id ? saved : item)) },
            );
            void refresh();
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      <ProblemMessage
        error={test.error ?? rotate.error ?? toggle.error ?? remove.error ?? retry.error ?? deliveries.error}
      />
      <table className="list">
        <caption>Delivery log</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">Next retry</th>
            <th scope="col">
              <span className="visually-hidden">Retry</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data?.items.map((delivery) => {
            const last = delivery.attempts[delivery.attempts.length - 1];
            return (
              <tr key={delivery.id} data-testid="delivery">
                <td>
                  {delivery.eventType}
                  <div className="small muted">{dateTime(delivery.createdAt)}</div>
                </td>
                <td>{delivery.status}</td>
                <td>{delivery.attemptCount}</td>
                <td>
                  {last ? `${last.statusCode ?? 'no answer'} in ${last.durationMs} ms` : ''}
                  {(last?.error ?? delivery.lastError) && (
                    <div className="small">{last?.error ?? delivery.lastError}</div>
                  )}
                </td>
                <td>{dateTime(delivery.nextAttemptAt)}</td>
                <td>
                  {delivery.status !== 'delivered' && (
                    <button type="button" onClick={() => retry.mutate(delivery.id)}>
                      Retry<span className="visually-hidden"> {delivery.eventType}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {deliveries.data?.items.length === 0 && <p className="muted">No deliveries yet.</p>}
    </div>
  );
}
