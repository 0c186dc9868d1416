import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../api/problem';
import { type Webhook, WebhookEditForm, type WebhookPatch, webhookPatch } from './webhook-form';

const hook: Webhook = {
  id: '6f1c2a4e-0000-4000-8000-000000000001',
  url: 'https://newsroom.example.org/hooks/old',
  events: ['claim.published'],
  tags: ['ukraine'],
  description: 'Live blog',
  active: true,
  disabledAt: null,
  disabledReason: null,
  failingSince: null,
  previousSecretExpiresAt: null,
  owner: { kind: 'user', id: '6f1c2a4e-0000-4000-8000-0000000000aa' } as Webhook['owner'],
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
  version: 3,
};

function renderForm(save: (patch: WebhookPatch) => Promise<Webhook>) {
  const onSaved = vi.fn();
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <WebhookEditForm hook={hook} save={save} onSaved={onSaved} onCancel={() => undefined} />
    </QueryClientProvider>,
  );
  const form = screen.getByRole('form', { name: `Edit endpoint ${hook.url}` });
  return { onSaved, form };
}

describe('the webhook endpoint edit form', () => {
  it('sends exactly the fields the user changed: URL, events, tags, description, delivering', async () => {
    const save = vi.fn(async (patch: WebhookPatch) => ({ ...hook, ...patch, version: 4 }) as Webhook);
    const { onSaved } = renderForm(save);
    const user = userEvent.setup();
    const save_ = screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement;
    expect(save_.disabled).toBe(true);

    const url = screen.getByLabelText('Endpoint URL');
    await user.clear(url);
    await user.type(url, 'https://newsroom.example.org/hooks/new ');
    await user.click(screen.getByRole('checkbox', { name: 'claim.reopened' }));
    const tags = screen.getByLabelText(/^Only claims with these tags/);
    await user.clear(tags);
    await user.type(tags, 'ukraine, balkans');
    await user.clear(screen.getByLabelText('Description (optional)'));
    await user.click(screen.getByRole('checkbox', { name: 'Deliver events to this endpoint' }));
    await user.click(save_);

    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(save).toHaveBeenCalledWith({
      url: 'https://newsroom.example.org/hooks/new',
      events: ['claim.published', 'claim.reopened'],
      tags: ['ukraine', 'balkans'],
      description: '',
      active: false,
    });
    expect(onSaved.mock.calls[0][0]).toMatchObject({
      version: 4,
      url: 'https://newsroom.example.org/hooks/new',
    });
  });

  it('shows the API’s messages beside their fields, keeps what was typed and saves nothing', async () => {
    const refusal = new ApiProblem(400, {
      type: 'https://claimdesk.dev/problems/validation',
      title: 'Validation failed',
      status: 400,
      detail: 'The request body has 2 invalid fields.',
      errors: [
        { field: 'url', message: 'url must be an http or https URL' },
        { field: 'tags.1', message: 'each value in tags must be shorter than or equal to 64 characters' },
      ],
    });
    const save = vi.fn(async () => {
      throw refusal;
    });
    const { onSaved } = renderForm(save);
    const user = userEvent.setup();
    const url = screen.getByLabelText('Endpoint URL') as HTMLInputElement;
    await user.clear(url);
    await user.type(url, 'ftp://newsroom.example.org/hooks');
    await user.type(screen.getByLabelText(/^Only claims with these tags/), `, ${'x'.repeat(65)}`);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const urlError = await screen.findByText('url must be an http or https URL');
    expect(url.getAttribute('aria-describedby')).toBe(urlError.id);
    const tags = screen.getByLabelText(/^Only claims with these tags/);
    const tagsError = screen.getByText(/each value in tags must be shorter/);
    expect(tags.getAttribute('aria-describedby')).toBe(tagsError.id);
    expect(screen.getByText('Validation failed')).toBeTruthy();
    // The field messages are beside their fields, not repeated in the form's general message.
    expect(screen.getAllByText('url must be an http or https URL')).toHaveLength(1);
    expect(url.value).toBe('ftp://newsroom.example.org/hooks');
    expect(onSaved).not.toHaveBeenCalled();
    expect(save).toHaveBeenCalledOnce();
  });
});

describe('webhookPatch', () => {
  it('is empty while nothing changed, whatever the order and spacing of tags and events', () => {
    const draft = {
      url: ` ${hook.url} `,
      events: [...hook.events],
      tags: ' ukraine ,',
      description: 'Live blog ',
    };
    expect(webhookPatch(hook, draft, true)).toEqual({});
    const two = { ...hook, events: ['claim.published', 'claim.reopened'] } as Webhook;
    expect(webhookPatch(two, { ...draft, events: ['claim.reopened', 'claim.published'] }, true)).toEqual({});
  });

  it('re-enables a disabled endpoint and clears an emptied description', () => {
    const disabled = { ...hook, active: false, disabledReason: 'failing for 3 days' };
    const draft = { url: hook.url, events: hook.events, tags: 'ukraine', description: '' };
    expect(webhookPatch(disabled, draft, true)).toEqual({ active: true, description: '' });
  });
});
