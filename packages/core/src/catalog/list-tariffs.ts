import type { Page, PageRequest } from '../shared/page.ts';
import type { CatalogDeps } from './deps.ts';
import type { Tariff } from './tariff.ts';

export const listTariffs =
  ({ tariffs }: Pick<CatalogDeps, 'tariffs'>) =>
  (tenantId: string, request: PageRequest): Promise<Page<Tariff>> =>
    tariffs.list(tenantId, request);
