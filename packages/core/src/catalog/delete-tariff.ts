import type { CatalogDeps } from './deps.ts';
import { getTariff } from './get-tariff.ts';

/** Soft delete: customers still naming the tariff get catalog prices from then on. */
export const deleteTariff =
  (deps: Pick<CatalogDeps, 'tariffs' | 'clock'>) =>
  async (tenantId: string, id: string): Promise<void> => {
    const current = await getTariff(deps)(tenantId, id);
    const now = deps.clock.now().toISOString();
    await deps.tariffs.update({
      ...current,
      version: current.version + 1,
      updatedAt: now,
      deletedAt: now,
    });
  };
