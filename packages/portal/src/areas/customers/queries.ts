import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';

export type Customer = components['schemas']['Customer'];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const CUSTOMERS = ['customers'] as const;

/** The customers, a page at a time, optionally only those with one tax id. */
export function useCustomers(taxId: string | undefined) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...CUSTOMERS, 'list', { taxId }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/customers', {
          params: {
            query: {
              limit: 50,
              ...(taxId ? { taxId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One customer and the ETag a change must send back in `If-Match`. */
export function useCustomer(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...CUSTOMERS, 'one', id],
    queryFn: async () => {
      const result = await api.GET('/v1/customers/{id}', { params: { path: { id } } });
      return { customer: unwrap(result), etag: result.response.headers.get('etag') ?? undefined };
    },
  });
}
