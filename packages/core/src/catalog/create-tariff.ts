import type { CatalogDeps } from './deps.ts';
import { checkPrices } from './prices.ts';
import type { Tariff, TariffInput } from './tariff.ts';

export const createTariff =
  ({
    tariffs,
    products,
    clock,
    ids,
  }: Pick<CatalogDeps, 'tariffs' | 'products' | 'clock' | 'ids'>) =>
  async (tenantId: string, input: TariffInput): Promise<Tariff> => {
    const prices = await checkPrices(products, tenantId, input.prices);
    const now = clock.now().toISOString();
    const tariff: Tariff = {
      id: ids.next('trf'),
      tenantId,
      name: input.name,
      prices,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await tariffs.create(tariff);
    return tariff;
  };
