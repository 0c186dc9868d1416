import { Transform } from 'class-transformer';

/** Strips surrounding white space from a string field before it is validated; other values pass untouched. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** As `Trim`, and lower-cases: for e-mail addresses and handles, which compare case-insensitively. */
export const TrimLowerCase = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );

/** `?flag=true|false` as a boolean; anything else is left for `@IsBoolean()` to refuse. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
