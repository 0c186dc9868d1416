import { type KeyboardEvent, useId, useRef, useState } from 'react';

export interface Mentionable {
  handle: string;
  name: string;
}

/** The `@word` being typed right before the caret, if any. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\w.-]*)$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2].toLowerCase() };
}

export function matchMentions(people: readonly Mentionable[], query: string, limit = 6): Mentionable[] {
  return people
    .filter(
      (person) => person.handle.toLowerCase().startsWith(query) || person.name.toLowerCase().includes(query),
    )
    .slice(0, limit);
}

/**
 * A note's textarea with `@mention` autocomplete (ARIA combobox): typing `@` and letters lists matching
 * people; arrow keys move, Enter or Tab picks, Escape closes.
 */
export function MentionInput({
  id,
  value,
  onChange,
  people,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  people: readonly Mentionable[];
  describedBy?: string;
}) {
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const mention = mentionAt(value, caret);
  const options = mention && !dismissed ? matchMentions(people, mention.query) : [];
  const open = options.length > 0;

  function pick(person: Mentionable) {
    if (!mention) return;
    const next = `${value.slice(0, mention.start)}@${person.handle} ${value.slice(caret)}`;
    const position = mention.start + person.handle.length + 2;
    onChange(next);
    setCaret(position);
    requestAnimationFrame(() => ref.current?.setSelectionRange(position, position));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((active + 1) % options.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((active - 1 + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(options[Math.min(active, options.length - 1)]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDismissed(true);
    }
  }

  return (
    <div className="mention">
      <textarea
        id={id}
        ref={ref}
        rows={3}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
        aria-describedby={describedBy}
        onKeyDown={onKeyDown}
        onChange={(event) => {
          onChange(event.target.value);
          setCaret(event.target.selectionStart);
          setActive(0);
          setDismissed(false);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
      />
      <ul id={listId} role="listbox" className="suggestions" hidden={!open} aria-label="People to mention">
        {options.map((person, index) => (
          <li
            key={person.handle}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => {
              event.preventDefault();
              pick(person);
            }}
          >
            @{person.handle} <span className="muted">{person.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
