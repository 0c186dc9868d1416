export const SCOPES = ['mine', 'unassigned', 'overdue', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export interface QueueFilters {
  scope: Scope;
  status?: string;
  evidenceStatus?: string;
  verdict?: string;
  tag?: string;
  actorId?: string;
  q?: string;
  cursor?: string;
}

const FILTER_KEYS = ['status', 'evidenceStatus', 'verdict', 'tag', 'actorId', 'q'] as const;

/** The queue's state lives in the URL, so a filtered view can be bookmarked, shared and gone back to. */
export function parseQueueFilters(search: URLSearchParams): QueueFilters {
  const scope = search.get('scope');
  const filters: QueueFilters = { scope: SCOPES.includes(scope as Scope) ? (scope as Scope) : 'mine' };
  for (const key of [...FILTER_KEYS, 'cursor'] as const) {
    const value = search.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function queueSearch(filters: QueueFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.scope !== 'mine') search.set('scope', filters.scope);
  for (const key of [...FILTER_KEYS, 'cursor'] as const) {
    const value = filters[key]?.trim();
    if (value) search.set(key, value);
  }
  return search;
}

/** A change of scope or filter starts again from the first page. */
export function withFilter(filters: QueueFilters, change: Partial<QueueFilters>): QueueFilters {
  const next: QueueFilters = { ...filters, ...change };
  if (!('cursor' in change)) delete next.cursor;
  return next;
}

export const hasFilters = (filters: QueueFilters) => FILTER_KEYS.some((key) => !!filters[key]);

/**
 * With no filter the review queue answers (ordered by priority, due date, age). Filters are served by
 * GET /v1/claims, so the scope is translated into its terms: mine → assigneeId, unassigned → triaged.
 */
export function claimsQueryFor(filters: QueueFilters, userId: string) {
  const query: Record<string, string> = {};
  for (const key of FILTER_KEYS) if (filters[key]) query[key] = filters[key]!;
  if (filters.scope === 'mine') query.assigneeId = userId;
  if (filters.scope === 'unassigned' && !query.status) query.status = 'triaged';
  if (filters.cursor) query.cursor = filters.cursor;
  return query;
}
