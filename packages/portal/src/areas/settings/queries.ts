import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type components, unwrap, useApi } from '../../api/index.ts';

export type Tenant = components['schemas']['Tenant'];
export type Settings = components['schemas']['Settings'];
export type Series = components['schemas']['Series'];
export type ApiKey = components['schemas']['ApiKey'];
export type Webhook = components['schemas']['Webhook'];
export type WebhookDelivery = components['schemas']['WebhookDelivery'];
export type OnboardingKey = components['schemas']['OnboardingKey'];
export type SigningCertificate = components['schemas']['SigningCertificate'];
export type SubmitterCertificate = components['schemas']['VerifactuSubmitterCertificate'];
export type Csd = components['schemas']['Csd'];

/** Every query of this area starts with this key, so a change refreshes them all. */
export const SETTINGS = ['settings'] as const;

/** After a change: the area's queries are fetched again (also those not shown now). */
export const refreshSettings = (queries: QueryClient) =>
  queries.invalidateQueries({ queryKey: SETTINGS, refetchType: 'all' });

export function useTenant() {
  const api = useApi();
  return useQuery({
    queryKey: [...SETTINGS, 'tenant'],
    queryFn: async () => unwrap(await api.GET('/v1/tenant')),
  });
}

/** The settings and the ETag a change sends back in `If-Match`. */
export function useSettings() {
  const api = useApi();
  return useQuery({
    queryKey: [...SETTINGS, 'settings'],
    queryFn: async () => {
      const result = await api.GET('/v1/settings');
      return { settings: unwrap(result), etag: result.response.headers.get('etag') ?? undefined };
    },
  });
}

export function useSeries() {
  const api = useApi();
  return useQuery({
    queryKey: [...SETTINGS, 'series'],
    queryFn: async () => unwrap(await api.GET('/v1/series')),
  });
}

/** A paged list of this area: `fetch` gets one page from its cursor. */
function usePaged<T>(
  key: readonly unknown[],
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>,
  enabled = true,
) {
  return useInfiniteQuery({
    queryKey: [...SETTINGS, ...key],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetch(pageParam),
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

const page = (cursor: string | undefined) => ({ limit: 50, ...(cursor ? { cursor } : {}) });

export function useApiKeys() {
  const api = useApi();
  return usePaged(['api-keys'], async (cursor) =>
    unwrap(await api.GET('/v1/api-keys', { params: { query: page(cursor) } })),
  );
}

export function useOnboardingKeys() {
  const api = useApi();
  return usePaged(['onboarding-keys'], async (cursor) =>
    unwrap(await api.GET('/v1/onboarding-keys', { params: { query: page(cursor) } })),
  );
}

export function useWebhooks() {
  const api = useApi();
  return usePaged(['webhooks'], async (cursor) =>
    unwrap(await api.GET('/v1/webhooks', { params: { query: page(cursor) } })),
  );
}

/** One subscription and the ETag a change sends back in `If-Match`. */
export function useWebhook(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...SETTINGS, 'webhooks', 'one', id],
    queryFn: async () => {
      const result = await api.GET('/v1/webhooks/{id}', { params: { path: { id } } });
      return { webhook: unwrap(result), etag: result.response.headers.get('etag') ?? undefined };
    },
  });
}

/**
 * The logo's image for the preview (an `<img>` cannot send the token: it is shown from a blob URL),
 * keyed by its hash, so a new logo is fetched and the same one comes from cache.
 */
export function useLogoImage(sha256: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: [...SETTINGS, 'logo', sha256],
    enabled: sha256 !== undefined,
    queryFn: async () =>
      unwrap(await api.GET('/v1/settings/logo', { parseAs: 'blob' })) as unknown as Blob,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useWebhookDeliveries(id: string) {
  const api = useApi();
  return usePaged(['webhooks', 'deliveries', id], async (cursor) =>
    unwrap(
      await api.GET('/v1/webhooks/{id}/deliveries', {
        params: { path: { id }, query: page(cursor) },
      }),
    ),
  );
}

/** The certificate the tenant signs with, or null while none was uploaded (the API's 404). */
export function useSigningCertificate() {
  const api = useApi();
  return useQuery({
    queryKey: [...SETTINGS, 'signing-certificate'],
    queryFn: async (): Promise<SigningCertificate | null> => {
      const result = await api.GET('/v1/signing-certificate');
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}

export function useSubmitterCertificate() {
  const api = useApi();
  return useQuery({
    queryKey: [...SETTINGS, 'submitter-certificate'],
    queryFn: async () => unwrap(await api.GET('/v1/verifactu/submitter-certificate')),
  });
}

/** Mexico: the CSD that seals the tenant's CFDI, or null while none was uploaded (the API's 404). */
export function useCsd() {
  const api = useApi();
  return useQuery({
    queryKey: [...SETTINGS, 'csd'],
    queryFn: async (): Promise<Csd | null> => {
      const result = await api.GET('/v1/csd');
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}
