import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';

export type InboxEntry = components['schemas']['InboxEntry'];
export type InboxInvoice = components['schemas']['InboxInvoice'];
export type InboxStatus = InboxEntry['status'];
export type InboxFormat = InboxEntry['documents'][number];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const INBOX = ['inbox'] as const;

export interface InboxFilters {
  status?: InboxStatus;
  issuerTaxId?: string;
  from?: string;
  to?: string;
}

/** The invoices addressed to the signed-in tax id, newest first, a page at a time. */
export function useInbox(filters: InboxFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...INBOX, 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/inbox', {
          params: {
            query: { limit: 50, ...filters, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One invoice of the inbox, with its lines and the buyer's status history. */
export function useInboxInvoice(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...INBOX, 'one', id],
    queryFn: async () => unwrap(await api.GET('/v1/inbox/{id}', { params: { path: { id } } })),
  });
}

/** Accept, reject (with a reason) or mark paid; the issuer sees it on its invoice. */
export function useSetInboxStatus(id: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['InboxStatusInput']) =>
      unwrap(await api.POST('/v1/inbox/{id}/status', { params: { path: { id } }, body })),
    onSuccess: (invoice) => {
      queries.setQueryData([...INBOX, 'one', id], invoice);
      void queries.invalidateQueries({ queryKey: [...INBOX, 'list'] });
    },
  });
}

/** A document of the invoice as bytes (the API wants the bearer token, so no plain link). */
export function useInboxDocument() {
  const api = useApi();
  return async (id: string, format: InboxFormat): Promise<Blob> => {
    const result = await api.GET('/v1/inbox/{id}/documents/{format}', {
      params: { path: { id, format } },
      parseAs: 'blob',
    });
    return unwrap(result) as unknown as Blob;
  };
}
