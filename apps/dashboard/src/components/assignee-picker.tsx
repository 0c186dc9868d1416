import { useDeskPeople } from './desk-people';

/** Pick a fact-checker, seeing each one's open load and expertise (radio group: arrow keys move). */
export function AssigneePicker({
  value,
  onChange,
  tags = [],
  name = 'assignee',
}: {
  value: string;
  onChange: (id: string) => void;
  tags?: string[];
  name?: string;
}) {
  const { people, isPending } = useDeskPeople(true);
  const checkers = people
    .filter((person) => person.roles.length === 0 || person.roles.includes('fact_checker'))
    .sort((a, b) => a.open - b.open);
  if (isPending) return <p className="muted">Loading the desk…</p>;
  return (
    <fieldset className="picker">
      <legend>Fact-checker</legend>
      {checkers.map((person) => {
        const matches = person.expertise.filter((area) => tags.includes(area));
        return (
          <label key={person.id} className="pick">
            <input
              type="radio"
              name={name}
              value={person.id}
              checked={value === person.id}
              onChange={() => onChange(person.id)}
            />
            <span>
              <strong>{person.name}</strong> <span className="muted">@{person.handle}</span>
              <br />
              <span className="small">
                {person.open} open{person.overdue ? `, ${person.overdue} overdue` : ''}
                {person.expertise.length > 0 && ` · expertise: ${person.expertise.join(', ')}`}
                {matches.length > 0 && <strong> · matches {matches.join(', ')}</strong>}
              </span>
            </span>
          </label>
        );
      })}
      {checkers.length === 0 && <p className="muted">No fact-checker on the desk.</p>}
    </fieldset>
  );
}
