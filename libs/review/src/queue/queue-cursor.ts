import { isUUID } from 'class-validator';
import { decodeCursor, encodeCursor, isCursorTime, ProblemException } from '@claimdesk/platform';
import type { QueueScope } from './dto/review-queue.query';

/**
 * Where a queue page ended: the sort key of its last row, (priority_rank, due_at, created_at, id),
 * plus the scope it was read from, so a cursor from one scope is refused by another instead of
 * silently skipping into the middle of a different list. Times keep microseconds (a JS Date would
 * round them to milliseconds and repeat or skip rows that share a millisecond).
 */
export interface QueuePosition {
  scope: QueueScope;
  priorityRank: number;
  dueAt: string | null;
  createdAt: string;
  id: string;
}

const isTime = isCursorTime;

export function encodeQueueCursor(position: QueuePosition): string {
  return encodeCursor([
    position.scope,
    position.priorityRank,
    position.dueAt,
    position.createdAt,
    position.id,
  ]);
}

/** Decodes and checks every part: a forged or foreign cursor is a 400, never a database error. */
export function decodeQueueCursor(cursor: string, scope: QueueScope): QueuePosition {
  const [cursorScope, priorityRank, dueAt, createdAt, id] = decodeCursor(cursor, 5);
  const valid =
    cursorScope === scope &&
    typeof priorityRank === 'number' &&
    Number.isInteger(priorityRank) &&
    priorityRank >= 0 &&
    priorityRank <= 3 &&
    (dueAt === null || isTime(dueAt)) &&
    isTime(createdAt) &&
    typeof id === 'string' &&
    isUUID(id);
  if (!valid) {
    throw new ProblemException(400, 'cursor is not a cursor returned by this list and scope.', {
      errors: [
        { field: 'cursor', message: 'cursor must be a cursor returned by a previous page of this scope' },
      ],
    });
  }
  return {
    scope,
    priorityRank: priorityRank as number,
    dueAt,
    createdAt: createdAt as string,
    id: id as string,
  };
}
