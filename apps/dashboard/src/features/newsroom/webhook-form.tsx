import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { components } from '../../api/schema';
import { TextField } from '../../components/fields';
import { describedBy, FieldError, ProblemMessage } from '../../components/problem-message';

type Schemas = components['schemas'];
export type Webhook = Schemas['WebhookView'];
export type WebhookPatch = Schemas['UpdateWebhookDto'];
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

/** What the endpoint forms edit, as the inputs hold it (tags as one comma-separated line). */
export interface WebhookDraft {
  url: string;
  events: EventType[];
  tags: string;
  description: string;
}

/** The fields the API validates that these forms show beside their inputs. */
export const WEBHOOK_FIELDS = ['url', 'events', 'tags', 'description'] as const;

export const emptyDraft = (): WebhookDraft => ({
  url: '',
  events: ['claim.published'],
  tags: '',
  description: '',
});

const draftOf = (hook: Webhook): WebhookDraft => ({
  url: hook.url,
  events: [...hook.events],
  tags: hook.tags.join(', '),
  description: hook.description ?? '',
});

export const tagList = (tags: string) =>
  tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

/**
 * Only what the user changed, so an untouched URL is not checked again and a field someone else
 * changed meanwhile is not overwritten with what the form first showed. An emptied description is
 * sent as "" (the API clears it).
 */
export function webhookPatch(hook: Webhook, draft: WebhookDraft, active: boolean): WebhookPatch {
  const start = draftOf(hook);
  const patch: WebhookPatch = {};
  if (draft.url.trim() !== start.url) patch.url = draft.url.trim();
  if (!sameSet(draft.events, start.events)) patch.events = draft.events;
  if (!sameSet(tagList(draft.tags), hook.tags)) patch.tags = tagList(draft.tags);
  if (draft.description.trim() !== start.description) patch.description = draft.description.trim();
  if (active !== hook.active) patch.active = active;
  return patch;
}

/** URL, event filter, tag filter and description of an endpoint, each with the API's message beside it. */
export function WebhookFields({
  idPrefix,
  draft,
  onChange,
  error,
}: {
  idPrefix: string;
  draft: WebhookDraft;
  onChange: (draft: WebhookDraft) => void;
  error: unknown;
}) {
  const set = (change: Partial<WebhookDraft>) => onChange({ ...draft, ...change });
  const eventsErrorId = `${idPrefix}-events-error`;
  return (
    <>
      <TextField
        id={`${idPrefix}-url`}
        label="Endpoint URL"
        type="url"
        required
        value={draft.url}
        onChange={(url) => set({ url })}
        error={error}
        field="url"
      />
      <fieldset aria-describedby={describedBy(error, 'events', eventsErrorId)}>
        <legend>Events</legend>
        <div className="checks">
          {EVENTS.map((type) => (
            <label key={type}>
              <input
                type="checkbox"
                checked={draft.events.includes(type)}
                onChange={(event) =>
                  set({
                    events: event.target.checked
                      ? [...draft.events, type]
                      : draft.events.filter((item) => item !== type),
                  })
                }
              />{' '}
              {type}
            </label>
          ))}
        </div>
      </fieldset>
      <FieldError error={error} field="events" id={eventsErrorId} />
      <TextField
        id={`${idPrefix}-tags`}
        label="Only claims with these tags (comma separated, optional)"
        value={draft.tags}
        onChange={(tags) => set({ tags })}
        error={error}
        field="tags"
      />
      <TextField
        id={`${idPrefix}-description`}
        label="Description (optional)"
        value={draft.description}
        onChange={(description) => set({ description })}
        error={error}
        field="description"
      />
    </>
  );
}

/**
 * Edits an endpoint: URL, event and tag filters, description, and whether it delivers. On a refusal
 * the API's messages stand beside their fields and what the user typed stays; nothing is saved.
 * `save` sends the patch with the latest version the page knows as `If-Match`.
 */
export function WebhookEditForm({
  hook,
  save,
  onSaved,
  onCancel,
}: {
  hook: Webhook;
  save: (patch: WebhookPatch) => Promise<Webhook>;
  onSaved: (saved: Webhook) => void;
  onCancel: () => void;
}) {
  // Changes are measured from the endpoint as the form opened: after a 412 the page loads the latest
  // version, and saving again applies only what the user changed on top of it.
  const [start] = useState(hook);
  const [draft, setDraft] = useState(() => draftOf(hook));
  const [active, setActive] = useState(hook.active);
  const patch = webhookPatch(start, draft, active);
  const unchanged = Object.keys(patch).length === 0;
  const write = useMutation({
    mutationFn: (changes: WebhookPatch) => save(changes),
    onSuccess: (saved) => onSaved(saved),
  });
  const idPrefix = `edit-${hook.id}`;
  return (
    <form
      className="stack"
      aria-label={`Edit endpoint ${hook.url}`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (!unchanged) write.mutate(patch);
      }}
    >
      <WebhookFields idPrefix={idPrefix} draft={draft} onChange={setDraft} error={write.error} />
      <label>
        <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />{' '}
        Deliver events to this endpoint
        {!hook.active && hook.disabledReason && (
          <span className="small muted"> (disabled: {hook.disabledReason})</span>
        )}
      </label>
      <FieldError error={write.error} field="active" id={`${idPrefix}-active-error`} />
      <ProblemMessage error={write.error} fields={[...WEBHOOK_FIELDS, 'active']} />
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={write.isPending || unchanged || draft.events.length === 0}
        >
          Save changes
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
