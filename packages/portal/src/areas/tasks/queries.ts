import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type Api, type components, unwrap, useApi } from '../../api/index.ts';

export type Task = components['schemas']['Task'];
export type TaskSummary = components['schemas']['TaskSummary'];
export type TaskRun = components['schemas']['TaskRun'];
export type Invoice = components['schemas']['Invoice'];
export type WorkOrder = components['schemas']['WorkOrder'];
export type Customer = components['schemas']['Customer'];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const TASKS = ['tasks'] as const;

export function useTasks() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...TASKS, 'list'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/tasks', {
          params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One task and the ETag a change must send back in `If-Match`. */
export function useTask(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...TASKS, 'one', id],
    queryFn: async () => {
      const result = await api.GET('/v1/tasks/{id}', { params: { path: { id } } });
      return { task: unwrap(result), etag: result.response.headers.get('etag') ?? undefined };
    },
  });
}

/** The task's latest runs, newest occurrence first. */
export function useTaskRuns(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...TASKS, 'runs', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/tasks/{id}/runs', {
          params: { path: { id }, query: { limit: 20 } },
        }),
      ),
  });
}

/** Every page of a list, up to `max` items (the pickers show them all). */
async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>,
  max = 1000,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** What the task made: its invoices or its work orders (each carries its occurrence). */
export function useTaskDocuments(task: Pick<Task, 'id' | 'documentType'>) {
  const api = useApi();
  return useQuery({
    queryKey: [...TASKS, 'documents', task.id],
    queryFn: async () => {
      if (task.documentType === 'workOrder') {
        const orders = await allPages(async (cursor) =>
          unwrap(
            await api.GET('/v1/work-orders', {
              params: { query: { taskId: task.id, limit: 100, ...(cursor ? { cursor } : {}) } },
            }),
          ),
        );
        return { invoices: [] as Invoice[], workOrders: orders };
      }
      const invoices = await allPages(async (cursor) =>
        unwrap(
          await api.GET('/v1/invoices', {
            params: { query: { taskId: task.id, limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      );
      return { invoices, workOrders: [] as WorkOrder[] };
    },
  });
}

/** The tenant's customers, for pickers (tasks, work orders, prices). */
export function useAllCustomers() {
  const api = useApi();
  return useQuery({
    queryKey: ['customers', 'all'],
    queryFn: () => allCustomers(api),
  });
}

export const allCustomers = (api: Api) =>
  allPages(async (cursor) =>
    unwrap(
      await api.GET('/v1/customers', {
        params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );

export { allPages };
