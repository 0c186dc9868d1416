import { ApiProblem } from '../api/problem';

/**
 * A problem+json answer as a readable message, placed near what caused it. Field errors that a form
 * shows beside its own fields are named in `fields` and left out here.
 */
export function ProblemMessage({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  if (!error) return null;
  if (!(error instanceof ApiProblem)) {
    return (
      <p role="alert" className="problem">
        {error instanceof Error ? error.message : 'Something went wrong.'}
      </p>
    );
  }
  const others = error.otherFieldErrors(fields);
  return (
    <div role="alert" className="problem">
      <strong>{error.body.title}</strong>
      {error.body.detail && error.body.detail !== error.body.title ? <span> {error.body.detail}</span> : null}
      {others.length > 0 && (
        <ul>
          {others.map((entry) => (
            <li key={entry.field + entry.message}>
              {entry.field}: {entry.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The message for one field, rendered beside it and tied to it by `aria-describedby`. */
export function FieldError({ error, field, id }: { error: unknown; field: string; id: string }) {
  const message = error instanceof ApiProblem ? error.fieldError(field) : undefined;
  if (!message) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {message}
    </span>
  );
}

export const describedBy = (error: unknown, field: string, id: string) =>
  error instanceof ApiProblem && error.fieldError(field) ? id : undefined;
