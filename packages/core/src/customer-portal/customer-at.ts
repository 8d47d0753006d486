import { NotFoundError } from '../errors.ts';
import type { CustomerAt, CustomerPortalDeps, PortalCaller } from './model.ts';

/**
 * The recipient's standing at a tenant: the tenant and the recipient's own customer record there
 * (the oldest live customer with the recipient's tax id; ids sort by creation). A tenant the
 * recipient is no customer of is answered as not found, exactly like a tenant that does not
 * exist: the portal tells a recipient nothing about other businesses.
 */
export const customerAt =
  (deps: Pick<CustomerPortalDeps, 'customers' | 'tenants'>) =>
  async (caller: PortalCaller, tenantId: string): Promise<CustomerAt> => {
    const [tenant, page] = await Promise.all([
      deps.tenants.get(tenantId),
      deps.customers.list(tenantId, { limit: 1, taxId: caller.taxId }),
    ]);
    const customer = page.items[0];
    if (!tenant || !customer || customer.taxId !== caller.taxId) {
      throw new NotFoundError('Supplier', tenantId);
    }
    return { tenant, customer };
  };
