import { UnauthorizedError } from '../errors.ts';
import { hashApiKey, looksLikeApiKey } from './api-key.ts';
import type { ApiKeyRepository } from './tenant.ts';

export interface TenantPrincipal {
  kind: 'tenant';
  tenantId: string;
  keyId: string;
}

/** Resolves a presented secret to its tenant; any failure reads the same to the caller. */
export const authenticateApiKey =
  ({ apiKeys }: { apiKeys: ApiKeyRepository }) =>
  async (secret: string): Promise<TenantPrincipal> => {
    // Malformed values never reach the database.
    const record = looksLikeApiKey(secret)
      ? await apiKeys.findByHash(hashApiKey(secret))
      : undefined;
    if (!record || record.revokedAt) throw new UnauthorizedError('Invalid or revoked API key');
    return { kind: 'tenant', tenantId: record.tenantId, keyId: record.id };
  };
