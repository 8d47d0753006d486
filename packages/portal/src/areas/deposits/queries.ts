import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';

export type Deposit = components['schemas']['Deposit'];
export type DepositStatus = Deposit['status'];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const DEPOSITS = ['deposits'] as const;

export interface DepositFilters {
  customerId?: string;
  status?: DepositStatus;
  from?: string;
  to?: string;
}

/** The tenant's deposits, newest payment first, a page at a time. */
export function useDeposits(filters: DepositFilters, limit = 50) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...DEPOSITS, 'list', filters, limit],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/deposits', {
          params: { query: { limit, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The customers' names by id (the first 200), for the filter and the list's customer column. */
export function useCustomerNames() {
  const api = useApi();
  return useQuery({
    queryKey: [...DEPOSITS, 'customers'],
    queryFn: async () => {
      const page = unwrap(await api.GET('/v1/customers', { params: { query: { limit: 200 } } }));
      return page.items.map((c) => ({ id: c.id, name: c.name, taxId: c.taxId }));
    },
  });
}
