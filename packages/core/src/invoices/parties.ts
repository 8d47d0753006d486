import type { Customer } from '../customers/customer.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Tenant } from '../tenants/tenant.ts';
import type { InvoiceDeps } from './deps.ts';
import type { PartySnapshot } from './model.ts';

export const issuerSnapshot = (t: Tenant): PartySnapshot => ({
  taxId: t.taxId,
  taxIdKind: t.taxIdKind,
  personType: t.personType,
  name: t.name,
  email: t.email,
  address: t.address,
  ...(t.taxRegime ? { taxRegime: t.taxRegime } : {}),
  ...(t.expeditionPostalCode ? { expeditionPostalCode: t.expeditionPostalCode } : {}),
});

export const customerSnapshot = (c: Customer): PartySnapshot => ({
  taxId: c.taxId,
  taxIdKind: c.taxIdKind,
  personType: c.personType,
  name: c.name,
  ...(c.email ? { email: c.email } : {}),
  address: c.address,
  ...(c.taxRegime ? { taxRegime: c.taxRegime } : {}),
  ...(c.dir3 ? { dir3: c.dir3 } : {}),
});

/** The tenant and a live customer of it; an unknown customer is the client's mistake (400). */
export async function loadParties(
  deps: Pick<InvoiceDeps, 'tenants' | 'customers'>,
  tenantId: string,
  customerId: string,
  path = 'customerId',
): Promise<{ tenant: Tenant; customer: Customer }> {
  const [tenant, customer] = await Promise.all([
    deps.tenants.get(tenantId),
    deps.customers.get(tenantId, customerId),
  ]);
  if (!tenant) throw new NotFoundError('Tenant', tenantId);
  if (!customer || customer.deletedAt) {
    throw new ValidationError(`Unknown customer ${customerId}`, [
      { path, message: 'No such customer' },
    ]);
  }
  return { tenant, customer };
}
