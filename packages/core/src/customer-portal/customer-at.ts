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
    const [tenant, customer] = await Promise.all([
      deps.tenants.get(tenantId),
      oldestLive(deps, tenantId, caller.taxId),
    ]);
    if (!tenant || !customer || customer.taxId !== caller.taxId) {
      throw new NotFoundError('Supplier', tenantId);
    }
    return { tenant, customer };
  };

/**
 * The tenant's oldest live customer with the tax id. Deleted ones are filtered after the read, so
 * a page may come back empty with a cursor: the next pages are read until one is found.
 */
async function oldestLive(
  deps: Pick<CustomerPortalDeps, 'customers'>,
  tenantId: string,
  taxId: string,
) {
  let cursor: string | undefined;
  do {
    const page = await deps.customers.list(tenantId, {
      limit: 10,
      taxId,
      ...(cursor ? { cursor } : {}),
    });
    if (page.items[0]) return page.items[0];
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}
