import { useQuery } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';
import { allPages } from '../tasks/queries.ts';

export type Product = components['schemas']['Product'];
export type Tariff = components['schemas']['Tariff'];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const CATALOG = ['catalog'] as const;

/** The whole catalog (searched in the browser: the API lists, it does not search). */
export function useProducts() {
  const api = useApi();
  return useQuery({
    queryKey: [...CATALOG, 'products'],
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(
          await api.GET('/v1/products', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
  });
}

export function useProduct(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...CATALOG, 'product', id],
    queryFn: async () => {
      const result = await api.GET('/v1/products/{id}', { params: { path: { id } } });
      return { product: unwrap(result), etag: result.response.headers.get('etag') ?? undefined };
    },
  });
}

export function useTariffs() {
  const api = useApi();
  return useQuery({
    queryKey: [...CATALOG, 'tariffs'],
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(
          await api.GET('/v1/tariffs', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
  });
}

export function useTariff(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...CATALOG, 'tariff', id],
    queryFn: async () => {
      const result = await api.GET('/v1/tariffs/{id}', { params: { path: { id } } });
      return { tariff: unwrap(result), etag: result.response.headers.get('etag') ?? undefined };
    },
  });
}

export function useCustomerPrices(customerId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...CATALOG, 'customer-prices', customerId],
    queryFn: async () =>
      unwrap(await api.GET('/v1/customers/{id}/prices', { params: { path: { id: customerId } } })),
  });
}
