import { useQuery } from '@tanstack/react-query';
import { unwrap, useApi } from '../../api/index.ts';

/**
 * The tenant as GET /v1/tenant gives it, under the settings area's own key: the customers,
 * catalog and invoices pages that ask whether the tenant is Mexican share its one request.
 */
export function useTenantCountry() {
  const api = useApi();
  const tenant = useQuery({
    queryKey: ['settings', 'tenant'],
    queryFn: async () => unwrap(await api.GET('/v1/tenant')),
    staleTime: 5 * 60_000,
  });
  const country = tenant.data?.address.country;
  return { tenant, country, mexico: country === 'MX' };
}
