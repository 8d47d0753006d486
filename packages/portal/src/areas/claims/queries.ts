import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';

export type Claim = components['schemas']['Claim'];
export type ClaimStatus = Claim['status'];
export type Valuation = components['schemas']['Valuation'];
export type ValuationLine = Valuation['lines'][number];
export type Centre = components['schemas']['Centre'];

/** The claim's statuses and a valuation's line kinds, in the order the domain keeps them. */
export { CLAIM_STATUSES, VALUATION_LINE_KINDS as KINDS } from '@sello/core/claims';

/** Every query of this area starts with this key, so a change refreshes them all. */
export const CLAIMS = ['claims'] as const;

export interface ClaimFilters {
  status?: ClaimStatus;
  insurerId?: string;
  plate?: string;
  claimNumber?: string;
}

/** The tenant's claims, newest first, a page at a time, as the API filters them. */
export function useClaims(filters: ClaimFilters, limit = 50) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...CLAIMS, 'list', filters, limit],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/claims', {
          params: { query: { limit, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One claim file. */
export function useClaim(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...CLAIMS, 'one', id],
    queryFn: async () => unwrap(await api.GET('/v1/claims/{id}', { params: { path: { id } } })),
  });
}

/**
 * Every version of the claim's valuation, oldest first (the API pages them by 20; a claim has a
 * handful, the loop stops at 50 pages).
 */
export function useValuations(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...CLAIMS, 'valuations', id],
    queryFn: async () => {
      const all: Valuation[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 50; page++) {
        const result = unwrap(
          await api.GET('/v1/claims/{id}/valuations', {
            params: { path: { id }, query: { limit: 20, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...result.items);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return all;
    },
  });
}

/** The tenant's work centres (for the claim form and the claim page). */
export function useCentres() {
  const api = useApi();
  return useQuery({
    queryKey: ['centres'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/centres', { params: { query: { limit: 200 } } })).items,
  });
}
