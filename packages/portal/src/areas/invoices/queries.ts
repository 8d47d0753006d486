import { type FormatId, formatFacts } from '@sello/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type Api, ApiError, type components, unwrap, useApi } from '../../api/index.ts';

export type Invoice = components['schemas']['Invoice'];
export type InvoiceStatus = Invoice['status'];
export type DocumentFormat = FormatId;
export type Product = components['schemas']['Product'];
export type CustomerOption = components['schemas']['Customer'];

export const STATUSES: readonly InvoiceStatus[] = [
  'draft',
  'issued',
  'sent',
  'paid',
  'cancelled',
  'rectified',
  'void',
];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const INVOICES = ['invoices'] as const;

export interface InvoiceFilters {
  status?: InvoiceStatus;
  customerId?: string;
  series?: string;
  from?: string;
  to?: string;
}

/** The invoices, newest first, a page at a time, as the API filters them. */
export function useInvoices(filters: InvoiceFilters, limit = 50) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...INVOICES, 'list', filters, limit],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/v1/invoices', {
          params: { query: { limit, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One invoice and the ETag a change must send back in `If-Match`. */
export function useInvoice(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: [...INVOICES, 'one', id],
    enabled,
    queryFn: async () => {
      const result = await api.GET('/v1/invoices/{id}', { params: { path: { id } } });
      return { invoice: unwrap(result), etag: result.response.headers.get('etag') ?? undefined };
    },
  });
}

/** The invoice's VERI*FACTU record; null when it has none (a draft, a non-Spanish issuer). */
export function useInvoiceVerifactu(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...INVOICES, 'verifactu', id],
    enabled,
    queryFn: async () => {
      try {
        return unwrap(await api.GET('/v1/invoices/{id}/verifactu', { params: { path: { id } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/**
 * Every customer, for the pickers (the API pages by 200 at most; a tenant with more than a
 * thousand customers would want a search here instead).
 */
export function useAllCustomers() {
  const api = useApi();
  return useQuery({
    queryKey: ['customers', 'all'],
    queryFn: async () => {
      const all: CustomerOption[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const result = unwrap(
          await api.GET('/v1/customers', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...result.items);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return all.sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

/** The catalog's products, for the lines. */
export function useProducts() {
  const api = useApi();
  return useQuery({
    queryKey: ['catalog', 'products', 'all'],
    queryFn: async () => {
      const all: Product[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const result = unwrap(
          await api.GET('/v1/products', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...result.items);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return all.sort((a, b) => a.code.localeCompare(b.code));
    },
  });
}

/** The numbering series. */
export function useSeries() {
  const api = useApi();
  return useQuery({
    queryKey: ['series'],
    queryFn: async () => unwrap(await api.GET('/v1/series')).items,
  });
}

/** An invoice document's bytes (a draft's PDF is its preview). */
export async function fetchDocument(api: Api, id: string, format: DocumentFormat): Promise<Blob> {
  return unwrap(
    await api.GET('/v1/invoices/{id}/documents/{format}', {
      params: { path: { id, format } },
      parseAs: 'blob',
    }),
  ) as Blob;
}

/** The name a downloaded document gets. */
export function documentFileName(invoice: Invoice, format: DocumentFormat): string {
  const base = (invoice.number ?? invoice.id).replace(/[^\w.-]+/g, '-');
  return `${base}.${formatFacts(format).fileExtension}`;
}

/** Saves a blob as a file through the browser's own download. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the next turn; the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The buyer's last word on the invoice, with the reason it gave (events `recipient.*`). */
export function buyerAnswer(invoice: Invoice): { status: string; reason?: string } | undefined {
  if (!invoice.recipientStatus) return undefined;
  const last = invoice.events.findLast((e) => e.type.startsWith('recipient.'));
  const reason = last?.detail?.reason;
  return {
    status: invoice.recipientStatus,
    ...(typeof reason === 'string' && reason ? { reason } : {}),
  };
}
