import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';

export type Ticket = components['schemas']['Ticket'];
export type TicketStatus = Ticket['status'];
export type GlobalInvoice = components['schemas']['GlobalInvoice'];

export const STATUSES: readonly TicketStatus[] = ['open', 'invoiced', 'global'];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const TICKETS = ['tickets'] as const;

export interface TicketFilters {
  status?: TicketStatus;
  store?: string;
  reference?: string;
  from?: string;
  to?: string;
}

/** The tickets, newest sale first, a page at a time, as the API filters them. */
export function useTickets(filters: TicketFilters & { lateRequest?: 'pending' }, limit = 50) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...TICKETS, 'list', filters, limit],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/tickets', {
          params: { query: { limit, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useTicket(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...TICKETS, 'one', id],
    queryFn: async () => unwrap(await api.GET('/v1/tickets/{id}', { params: { path: { id } } })),
  });
}

export function useGlobalInvoices(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: [...TICKETS, 'globals'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/v1/global-invoices')).items,
  });
}

/**
 * Whether the tenant is Mexican (tax ids are RFCs; global invoices exist). The same query as the
 * settings area's, so one answer serves both.
 */
export function useMexican() {
  const api = useApi();
  const tenant = useQuery({
    queryKey: ['settings', 'tenant'],
    queryFn: async () => unwrap(await api.GET('/v1/tenant')),
  });
  return { ...tenant, mexican: tenant.data ? tenant.data.address.country === 'MX' : undefined };
}

/** `glb_2026-11` or `glb_2026-11_r1` → `2026-11`: a global's period, from its id. */
export const periodOfGlobal = (id: string) => /^glb_(\d{4}-\d{2})/.exec(id)?.[1] ?? id;
