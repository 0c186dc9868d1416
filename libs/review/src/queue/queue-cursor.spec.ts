import { encodeCursor, ProblemException } from '@claimdesk/platform';
import { decodeQueueCursor, encodeQueueCursor, QueuePosition } from './queue-cursor';

describe('queue cursor', () => {
  const position: QueuePosition = {
    scope: 'unassigned',
    priorityRank: 2,
    dueAt: '2024-05-06T09:30:00.123456Z',
    createdAt: '2024-05-01T08:00:00.000001Z',
    id: '6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b6a10',
  };

  it('round-trips a position, with or without a due date', () => {
    expect(decodeQueueCursor(encodeQueueCursor(position), 'unassigned')).toEqual(position);
    const undated = { ...position, dueAt: null };
    expect(decodeQueueCursor(encodeQueueCursor(undated), 'unassigned')).toEqual(undated);
  });

  it('refuses a cursor from another scope', () => {
    expect(() => decodeQueueCursor(encodeQueueCursor(position), 'mine')).toThrow(ProblemException);
  });

  it.each([
    ['a rank out of range', ['unassigned', 4, null, position.createdAt, position.id]],
    ['a fractional rank', ['unassigned', 1.5, null, position.createdAt, position.id]],
    ['a rank as text', ['unassigned', '1', null, position.createdAt, position.id]],
    [
      'a due date without microseconds',
      ['unassigned', 1, '2024-05-06T09:30:00Z', position.createdAt, position.id],
    ],
    ['an impossible date', ['unassigned', 1, null, '2024-02-31T25:00:00.000000Z', position.id]],
    [
      '31 February (Date.parse rolls it over, PostgreSQL refuses it)',
      ['unassigned', 1, '2024-02-31T00:00:00.000000Z', position.createdAt, position.id],
    ],
    ['a null created time', ['unassigned', 1, null, null, position.id]],
    ['an id that is not a UUID', ['unassigned', 1, null, position.createdAt, "x' OR 1=1"]],
    ['too few parts', ['unassigned', 1, null, position.createdAt]],
  ])('refuses %s with a 400', (_, parts) => {
    try {
      decodeQueueCursor(encodeCursor(parts as (string | number | null)[]), 'unassigned');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).problem).toMatchObject({
        status: 400,
        errors: [{ field: 'cursor' }],
      });
    }
  });
});
