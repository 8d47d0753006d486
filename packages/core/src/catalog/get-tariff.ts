import { NotFoundError } from '../errors.ts';
import type { CatalogDeps } from './deps.ts';
import type { Tariff } from './tariff.ts';

export const getTariff =
  ({ tariffs }: Pick<CatalogDeps, 'tariffs'>) =>
  async (tenantId: string, id: string): Promise<Tariff> => {
    const tariff = await tariffs.get(tenantId, id);
    if (!tariff || tariff.deletedAt) throw new NotFoundError('Tariff', id);
    return tariff;
  };
