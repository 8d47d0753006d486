import { apiKeyPrefix, generateApiKeySecret, hashApiKey } from './api-key.ts';
import type { TenantDeps } from './deps.ts';
import type { ApiKeyRecord } from './tenant.ts';

export const createApiKey =
  ({ apiKeys, clock, ids }: Omit<TenantDeps, 'tenants'>) =>
  async (tenantId: string, name: string): Promise<{ record: ApiKeyRecord; secret: string }> => {
    const secret = generateApiKeySecret();
    const record: ApiKeyRecord = {
      id: ids.next('key'),
      tenantId,
      name,
      prefix: apiKeyPrefix(secret),
      hash: hashApiKey(secret),
      createdAt: clock.now().toISOString(),
    };
    await apiKeys.create(record);
    return { record, secret };
  };
