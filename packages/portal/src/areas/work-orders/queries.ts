import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';

export type WorkOrder = components['schemas']['WorkOrder'];
export type WorkOrderStatus = WorkOrder['status'];
export const STATUSES: readonly WorkOrderStatus[] = ['pending', 'in_progress', 'done'];
/** Statuses only move forward, one step at a time. */
export const NEXT: Record<WorkOrderStatus, Exclude<WorkOrderStatus, 'pending'> | undefined> = {
  pending: 'in_progress',
  in_progress: 'done',
  done: undefined,
};

/** Every query of this area starts with this key, so a change refreshes them all. */
export const WORK_ORDERS = ['work-orders'] as const;

export function useWorkOrders(status: WorkOrderStatus | undefined) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...WORK_ORDERS, 'list', { status }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/work-orders', {
          params: {
            query: {
              limit: 50,
              ...(status ? { status } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One work order and the ETag a change must send back in `If-Match`. */
export function useWorkOrder(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...WORK_ORDERS, 'one', id],
    queryFn: async () => {
      const result = await api.GET('/v1/work-orders/{id}', { params: { path: { id } } });
      return { order: unwrap(result), etag: result.response.headers.get('etag') ?? undefined };
    },
  });
}
