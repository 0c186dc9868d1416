import { describe, expect, it } from 'vitest';
import { claimsQueryFor, hasFilters, parseQueueFilters, queueSearch, withFilter } from './queue-filters';

describe('the queue filters’ URL state', () => {
  it('round-trips through the URL and defaults to my work', () => {
    const filters = parseQueueFilters(
      new URLSearchParams('scope=overdue&status=assigned&q=%20mercenaries%20&tag=balkans'),
    );
    expect(filters).toEqual({ scope: 'overdue', status: 'assigned', q: 'mercenaries', tag: 'balkans' });
    expect(parseQueueFilters(queueSearch(filters))).toEqual(filters);
    expect(parseQueueFilters(new URLSearchParams('scope=bogus'))).toEqual({ scope: 'mine' });
    expect(queueSearch({ scope: 'mine' }).toString()).toBe('');
  });

  it('starts from the first page when a filter changes, and keeps the cursor when paging', () => {
    const paged = { scope: 'all' as const, cursor: 'abc' };
    expect(withFilter(paged, { status: 'triaged' })).toEqual({ scope: 'all', status: 'triaged' });
    expect(withFilter(paged, { cursor: 'def' })).toEqual({ scope: 'all', cursor: 'def' });
    expect(hasFilters(paged)).toBe(false);
  });

  it('translates the scope for GET /v1/claims when filters are set', () => {
    expect(claimsQueryFor({ scope: 'mine', q: 'x' }, 'me')).toEqual({ q: 'x', assigneeId: 'me' });
    expect(claimsQueryFor({ scope: 'unassigned', tag: 't' }, 'me')).toEqual({ tag: 't', status: 'triaged' });
  });
});
