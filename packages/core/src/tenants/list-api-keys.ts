import type { Page, PageRequest } from '../shared/page.ts';
import type { ApiKeyRecord, ApiKeyRepository } from './tenant.ts';

export const listApiKeys =
  ({ apiKeys }: { apiKeys: ApiKeyRepository }) =>
  (tenantId: string, page: PageRequest): Promise<Page<ApiKeyRecord>> =>
    apiKeys.list(tenantId, page);
