import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, isUUID, Matches, Max, Min } from 'class-validator';
import { ProblemException } from '../errors/problem';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;
const limitMessage = { message: `limit must be an integer between 1 and ${MAX_LIMIT}` };

/** `?limit=&cursor=`, shared by every list route. Extend it for a route's own filters. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value))
  @IsInt(limitMessage)
  @Min(1, limitMessage)
  @Max(MAX_LIMIT, limitMessage)
  limit: number = DEFAULT_LIMIT;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page’s `nextCursor`.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,512}$/, { message: 'cursor must be a cursor returned by a previous page' })
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset position: the sort key values of the last row of a page. */
export type CursorPosition = (string | number | null)[];

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor and checks it has `arity` values; a forged or foreign cursor is a 400, never a 500. */
export function decodeCursor(cursor: string, arity: number): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === arity &&
      value.every((part) => part === null || typeof part === 'string' || typeof part === 'number')
    ) {
      return value as CursorPosition;
    }
  } catch {
    // fall through to the problem below
  }
  throw forgedCursor();
}

/** The answer to a cursor this list did not hand out: a 400 on the `cursor` field, never a 500 from SQL. */
export function forgedCursor(): ProblemException {
  return new ProblemException(400, 'cursor is not a cursor returned by this list.', {
    errors: [{ field: 'cursor', message: 'cursor must be a cursor returned by a previous page' }],
  });
}

const MICROSECOND_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A UTC time as PostgreSQL prints it to the microsecond. The round trip matters: `Date.parse`
 * rolls 2024-02-31 over into March where PostgreSQL refuses it.
 */
export const isCursorTime = (value: unknown): value is string =>
  typeof value === 'string' &&
  MICROSECOND_TIME.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString().slice(0, 23) === value.slice(0, 23);

/** The most common keyset position, (a row's time to the microsecond, its id), checked field by field. */
export function decodeTimeIdCursor(cursor: string): [at: string, id: string] {
  const [at, id] = decodeCursor(cursor, 2);
  if (!isCursorTime(at) || typeof id !== 'string' || !isUUID(id)) throw forgedCursor();
  return [at, id];
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that there is more.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  position: (row: Row) => CursorPosition,
  present: (row: Row) => Item,
): Page<Item> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return {
    items: shown.map(present),
    nextCursor: more ? encodeCursor(position(shown[shown.length - 1])) : null,
  };
}
