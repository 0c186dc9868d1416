import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ActionButtons } from './action-buttons';

describe('ActionButtons', () => {
  it('shows exactly the allowed actions, in workflow order', () => {
    render(<ActionButtons allowed={['dismiss', 'triage']} onAction={() => undefined} />);
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Triage', 'Dismiss']);
  });

  it('says so when no action is open, and calls back with the action picked', async () => {
    const { rerender } = render(<ActionButtons allowed={[]} onAction={() => undefined} />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/No workflow action/)).toBeTruthy();
    const onAction = vi.fn();
    rerender(<ActionButtons allowed={['publish', 'send_back']} onAction={onAction} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send back' }));
    expect(onAction).toHaveBeenCalledWith('send_back');
  });
});
