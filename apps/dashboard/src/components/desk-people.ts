import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

export interface DeskPerson {
  id: string;
  name: string;
  handle: string;
  expertise: string[];
  roles: string[];
  open: number;
  overdue: number;
}

/**
 * The desk's people with their open load (GET /v1/review-queue/stats) and, for editors, their roles
 * and expertise (GET /v1/users). Fact-checkers only get the stats part.
 */
export function useDeskPeople(withUsers: boolean) {
  const stats = useQuery({
    queryKey: ['review-queue', 'stats'],
    queryFn: () => unwrap(api.GET('/v1/review-queue/stats')),
  });
  const users = useQuery({
    queryKey: ['users', 'active'],
    queryFn: () => unwrap(api.GET('/v1/users', { params: { query: { active: true, limit: 100 } } })),
    enabled: withUsers,
    staleTime: 60_000,
  });
  const load = new Map((stats.data?.assignees ?? []).map((entry) => [entry.assigneeId, entry]));
  const people: DeskPerson[] = users.data
    ? users.data.items.map((user) => {
        const work = load.get(user.id);
        return {
          id: user.id,
          name: user.name,
          handle: user.handle,
          expertise: user.expertise,
          roles: user.roles,
          open: work ? work.assigned + work.inReview + work.inApproval : 0,
          overdue: work?.overdue ?? 0,
        };
      })
    : (stats.data?.assignees ?? []).map((work) => ({
        id: work.assigneeId,
        name: work.name,
        handle: work.handle,
        expertise: [],
        roles: [],
        open: work.assigned + work.inReview + work.inApproval,
        overdue: work.overdue,
      }));
  return { people, stats, error: stats.error ?? users.error, isPending: stats.isPending };
}
