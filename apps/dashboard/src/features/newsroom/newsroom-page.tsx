import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { TextField } from '../../components/fields';
import { dateTime } from '../../components/format';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';
import { useRoles } from '../auth/auth-provider';

type Schemas = components['schemas'];
type EventType = Schemas['CreateWebhookDto']['events'][number];
// Exhaustive over the contract's event types, so a new one fails the build until it is offered here.
const EVENT_CHOICES = {
  'claim.published': true,
  'claim.reopened': true,
  'claim.created': true,
  'claim.updated': true,
  'claim.triaged': true,
  'claim.assigned': true,
  'claim.review_started': true,
  'claim.submitted': true,
  'claim.sent_back': true,
  'claim.dismissed': true,
  'claim.stance_added': true,
  'claim.evidence_added': true,
  'claim.evidence_status_changed': true,
  'webhook.test': true,
} as const satisfies Record<EventType, true>;
const EVENTS = Object.keys(EVENT_CHOICES) as EventType[];

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
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [events, setEvents] = useState<EventType[]>(['claim.published']);
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
            url,
            events,
            tags: tags
              .split(',')
              .map((tag) => tag.trim())
              .filter(Boolean),
            ...(description ? { description } : {}),
          },
        }),
      ),
    onSuccess: (hook) => {
      setSecret(hook.secret);
      setUrl('');
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
        <TextField
          id="hook-url"
          label="Endpoint URL"
          type="url"
          required
          value={url}
          onChange={setUrl}
          error={error}
          field="url"
        />
        <fieldset>
          <legend>Events</legend>
          <div className="checks">
            {EVENTS.map((type) => (
              <label key={type}>
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(event) =>
                    setEvents(
                      event.target.checked ? [...events, type] : events.filter((item) => item !== type),
                    )
                  }
                />{' '}
                {type}
              </label>
            ))}
          </div>
        </fieldset>
        <FieldError error={error} field="events" id="hook-events-error" />
        <label htmlFor="hook-tags">Only claims with these tags (comma separated, optional)</label>
        <input id="hook-tags" value={tags} onChange={(event) => setTags(event.target.value)} />
        <label htmlFor="hook-description">Description (optional)</label>
        <input
          id="hook-description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
        <ProblemMessage error={error} fields={['url', 'events']} />
        <div>
          <button type="submit" className="primary" disabled={create.isPending || events.length === 0}>
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

function WebhookDetail({ hook }: { hook: Schemas['WebhookView'] }) {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState('');
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
    mutationFn: () =>
      unwrap(
        api.PATCH('/v1/webhooks/{id}', {
          params: { ...path, header: ifMatch(hook.version) } as never,
          body: { active: !hook.active },
        }),
      ),
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
        <button type="button" onClick={() => toggle.mutate()}>
          {hook.active ? 'Disable' : 'Enable'}
        </button>
        <button type="button" className="danger" onClick={() => remove.mutate()}>
          Delete endpoint
        </button>
        <span role="status">{message}</span>
      </div>
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
