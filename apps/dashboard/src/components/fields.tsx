import { describedBy, FieldError } from './problem-message';

/**
 * A labelled `<select>` over a label record (value → words shown), in the record's key order. With
 * `error` and `field`, the API's message for that field is shown beside it as `<id>-error`.
 */
export function SelectField<T extends string>({
  id,
  label,
  value,
  labels,
  onChange,
  error,
  field,
}: {
  id: string;
  label: string;
  value: T;
  labels: Readonly<Record<T, string>>;
  onChange: (value: T) => void;
  error?: unknown;
  field?: string;
}) {
  const errorId = `${id}-error`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
        aria-describedby={field ? describedBy(error, field, errorId) : undefined}
      >
        {(Object.keys(labels) as T[]).map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
      {field && <FieldError error={error} field={field} id={errorId} />}
    </>
  );
}

/**
 * A labelled text input (or a textarea when `rows` is given) with the API's message for `field`
 * shown beside it as `<id>-error` and tied to it by `aria-describedby`.
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  field,
  rows,
  type,
  required,
  autoComplete,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: unknown;
  field: string;
  rows?: number;
  type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'datetime-local';
  required?: boolean;
  autoComplete?: string;
}) {
  const errorId = `${id}-error`;
  const common = {
    id,
    value,
    required,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    'aria-describedby': describedBy(error, field, errorId),
  };
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea rows={rows} {...common} />
      ) : (
        <input type={type} autoComplete={autoComplete} {...common} />
      )}
      <FieldError error={error} field={field} id={errorId} />
    </>
  );
}
