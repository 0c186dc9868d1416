import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Claim } from './claim-api';
import { claimChanges } from './claim-changes';
import { MergePrompt } from './merge-prompt';

const base = {
  id: 'c1',
  version: 3,
  status: 'triaged',
  text: 'Old text',
  summary: null,
  tags: ['demo'],
  priority: 'normal',
  dueAt: null,
  evidenceStatus: 'unverified',
  assigneeId: null,
  verdict: null,
  stances: [],
  evidence: [],
} as unknown as Claim;

describe('the 412 merge prompt', () => {
  it('lists what someone else changed, with the user’s unsaved value beside it', () => {
    const latest = { ...base, version: 4, priority: 'urgent', tags: ['demo', 'serbia'] } as Claim;
    expect(claimChanges(base, latest).map((change) => change.field)).toEqual(['tags', 'priority']);
    render(
      <MergePrompt
        base={base}
        latest={latest}
        draft={{ priority: 'high' }}
        onReload={() => undefined}
        onDismiss={() => undefined}
      />,
    );
    const row = screen.getByRole('rowheader', { name: 'Priority' }).closest('tr')!;
    expect(row.textContent).toBe('Prioritynormalurgenthigh');
    expect(screen.getByText(/now at version 4/)).toBeTruthy();
  });

  it('offers to reload, and says when nothing visible changed', async () => {
    const onReload = vi.fn();
    render(
      <MergePrompt
        base={base}
        latest={{ ...base, version: 4 }}
        onReload={onReload}
        onDismiss={() => undefined}
      />,
    );
    expect(screen.getByText(/Nothing you can see here changed/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Reload the claim, keep what I typed' }));
    expect(onReload).toHaveBeenCalledOnce();
  });
});
