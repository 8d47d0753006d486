import { NotFoundError } from '../errors.ts';
import type { Tenant, TenantRepository } from './tenant.ts';

export const getTenant =
  ({ tenants }: { tenants: TenantRepository }) =>
  async (id: string): Promise<Tenant> => {
    const tenant = await tenants.get(id);
    if (!tenant) throw new NotFoundError('Tenant', id);
    return tenant;
  };
