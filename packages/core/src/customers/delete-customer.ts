import type { CustomerDeps } from './deps.ts';
import { getCustomer } from './get-customer.ts';

export const deleteCustomer =
  (deps: Pick<CustomerDeps, 'customers' | 'clock'>) =>
  async (tenantId: string, id: string): Promise<void> => {
    const current = await getCustomer(deps)(tenantId, id);
    const now = deps.clock.now().toISOString();
    await deps.customers.update({
      ...current,
      version: current.version + 1,
      updatedAt: now,
      deletedAt: now,
    });
  };
