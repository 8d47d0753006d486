import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';

export type ChangeRequest = components['schemas']['ChangeRequest'];
export type ChangeRequestStatus = ChangeRequest['status'];

export const STATUSES: readonly ChangeRequestStatus[] = ['open', 'in_progress', 'done', 'declined'];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const CHANGE_REQUESTS = ['change-requests'] as const;

/** The queue of one status, newest first, a page at a time. */
export function useChangeRequests(status: ChangeRequestStatus, limit = 50) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...CHANGE_REQUESTS, 'list', status, limit],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/change-requests', {
          params: { query: { limit, status, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useChangeRequest(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...CHANGE_REQUESTS, 'one', id],
    queryFn: async () =>
      unwrap(await api.GET('/v1/change-requests/{id}', { params: { path: { id } } })),
  });
}
