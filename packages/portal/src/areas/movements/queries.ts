import type { FormatId } from '@sello/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';

export type Supplier = components['schemas']['Supplier'];
export type PortalDeposit = components['schemas']['Deposit'];
export type PortalInvoice = components['schemas']['Invoice'];
export type Treatment = components['schemas']['PortalDepositPage']['treatment'];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const MOVEMENTS = ['movements'] as const;

/** The most deposits the invoicing page lists at once (pages of 200 read one after another). */
export const MAX_LISTED = 1000;

export function useSuppliers() {
  const api = useApi();
  return useQuery({
    queryKey: [...MOVEMENTS, 'suppliers'],
    queryFn: async () => unwrap(await api.GET('/v1/recipients/me/suppliers')).items,
  });
}

/**
 * The recipient's deposits still to invoice at a supplier, all of them (up to MAX_LISTED), with
 * the treatment and jurisdiction their invoice is computed with.
 */
export function useDepositsToInvoice(tenantId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...MOVEMENTS, tenantId, 'deposits'],
    queryFn: async () => {
      const items: PortalDeposit[] = [];
      let cursor: string | undefined;
      let first: components['schemas']['PortalDepositPage'] | undefined;
      do {
        const page = unwrap(
          await api.GET('/v1/recipients/me/suppliers/{tenantId}/deposits', {
            params: {
              path: { tenantId },
              query: { limit: 200, status: 'uninvoiced', ...(cursor ? { cursor } : {}) },
            },
          }),
        );
        first ??= page;
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < MAX_LISTED);
      return {
        items,
        treatment: first.treatment,
        jurisdiction: first.jurisdiction,
        more: !!cursor,
      };
    },
  });
}

export function useMyInvoices(tenantId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...MOVEMENTS, tenantId, 'invoices'],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/recipients/me/suppliers/{tenantId}/invoices', {
          params: { path: { tenantId }, query: { limit: 50 } },
        }),
      ).items,
  });
}

export function useMyInvoice(tenantId: string, id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...MOVEMENTS, tenantId, 'invoice', id],
    queryFn: async () => {
      const result = await api.GET('/v1/recipients/me/suppliers/{tenantId}/invoices/{id}', {
        params: { path: { tenantId, id } },
      });
      return { invoice: unwrap(result), etag: result.response.headers.get('etag') ?? undefined };
    },
  });
}

/** A draft of the ticked deposits; the lists of this supplier are read again. */
export function useCreateDraft(tenantId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (depositIds: string[]) =>
      unwrap(
        await api.POST('/v1/recipients/me/suppliers/{tenantId}/invoices', {
          params: { path: { tenantId } },
          body: { depositIds },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: [...MOVEMENTS, tenantId] }),
  });
}

export function useIssue(tenantId: string, id: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/v1/recipients/me/suppliers/{tenantId}/invoices/{id}/issue', {
          params: { path: { tenantId, id } },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: [...MOVEMENTS, tenantId] }),
  });
}

/** A format of the documents a recipient downloads (the printed invoice, the legal original). */
export type DocumentFormat = FormatId;

/** A document of the invoice as bytes (the API wants the bearer token, so no plain link). */
export function useDocument(tenantId: string) {
  const api = useApi();
  return async (id: string, format: DocumentFormat): Promise<Blob> => {
    const result = await api.GET(
      '/v1/recipients/me/suppliers/{tenantId}/invoices/{id}/documents/{format}',
      { params: { path: { tenantId, id, format } }, parseAs: 'blob' },
    );
    return unwrap(result) as unknown as Blob;
  };
}

export type ChangeRequest = components['schemas']['ChangeRequest'];

/** The change requests of one of the recipient's invoices, newest first. */
export function useMyChangeRequests(tenantId: string, id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...MOVEMENTS, tenantId, 'invoice', id, 'changes'],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/recipients/me/suppliers/{tenantId}/invoices/{id}/change-requests', {
          params: { path: { tenantId, id } },
        }),
      ).items,
  });
}
