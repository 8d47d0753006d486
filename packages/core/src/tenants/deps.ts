import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { ApiKeyRepository, TenantRepository } from './tenant.ts';

export interface TenantDeps {
  tenants: TenantRepository;
  apiKeys: ApiKeyRepository;
  clock: Clock;
  ids: IdGenerator;
}
