import { PreconditionFailedError } from '../errors.ts';
import type { CatalogDeps } from './deps.ts';
import { getTariff } from './get-tariff.ts';
import { checkPrices } from './prices.ts';
import type { Tariff, TariffPatch } from './tariff.ts';

export const updateTariff =
  (deps: Pick<CatalogDeps, 'tariffs' | 'products' | 'clock'>) =>
  async (
    tenantId: string,
    id: string,
    patch: TariffPatch,
    expectedVersion?: number,
  ): Promise<Tariff> => {
    const current = await getTariff(deps)(tenantId, id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `Tariff ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    // `prices` replaces the whole list, as in the input: a partial merge could not remove one.
    const prices =
      patch.prices !== undefined
        ? await checkPrices(deps.products, tenantId, patch.prices)
        : current.prices;
    const next: Tariff = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      prices,
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.tariffs.update(next);
    return next;
  };
