import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { matchMentions, mentionAt, MentionInput } from './mention-input';

const people = [
  { handle: 'mira', name: 'Mira Kovac' },
  { handle: 'luka', name: 'Luka Petrovic' },
  { handle: 'lucia', name: 'Lucia Sala' },
];

function Harness() {
  const [value, setValue] = useState('');
  return (
    <>
      <label htmlFor="note">Note</label>
      <MentionInput id="note" value={value} onChange={setValue} people={people} />
    </>
  );
}

describe('@mention autocomplete', () => {
  it('finds the mention being typed before the caret', () => {
    expect(mentionAt('hello @lu', 9)).toEqual({ start: 6, query: 'lu' });
    expect(mentionAt('mail me@host', 12)).toBeNull();
    expect(matchMentions(people, 'lu').map((person) => person.handle)).toEqual(['luka', 'lucia']);
  });

  it('lists matches while typing, moves with the arrow keys and inserts the pick with Enter', async () => {
    render(<Harness />);
    const box = screen.getByRole('combobox', { name: 'Note' });
    await userEvent.type(box, 'ask @lu');
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      '@luka Luka Petrovic',
      '@lucia Lucia Sala',
    ]);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect((box as HTMLTextAreaElement).value).toBe('ask @lucia ');
    expect(screen.queryByRole('option')).toBeNull();
  });

  it('closes the list with Escape and keeps the text', async () => {
    render(<Harness />);
    const box = screen.getByRole('combobox', { name: 'Note' });
    await userEvent.type(box, '@mi');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('option')).toBeNull();
    expect((box as HTMLTextAreaElement).value).toBe('@mi');
  });
});
