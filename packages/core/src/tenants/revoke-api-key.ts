import { ConflictError, NotFoundError } from '../errors.ts';
import type { TenantDeps } from './deps.ts';

export const revokeApiKey =
  ({ apiKeys, clock }: Pick<TenantDeps, 'apiKeys' | 'clock'>) =>
  /** `callerKeyId`: the key making the call, when an API key makes it (not a staff member). */
  async (tenantId: string, id: string, callerKeyId?: string): Promise<void> => {
    const key = await apiKeys.get(tenantId, id);
    if (!key) throw new NotFoundError('API key', id);
    // Revoking the key in use would lock the caller out mid-session; use another key to do it.
    if (id === callerKeyId) throw new ConflictError('An API key cannot revoke itself');
    if (key.revokedAt) return;
    await apiKeys.revoke(key, clock.now().toISOString());
  };
