import { existsSync, readFileSync } from 'node:fs';
import { repositories } from '@sello/app/platform';
import { systemClock, ulidIds } from '@sello/core/ports';
import { authenticateApiKey, provisionTenant } from '@sello/core/tenants';

export interface LocalInfo {
  apiUrl: string;
  apiKey: string;
  tenantId: string;
  portalUrl: string;
  mailUrl: string;
}

/** The demo issuer every fresh local platform starts with (a valid Spanish CIF). */
const DEMO_TENANT = {
  name: 'Demo Talleres Sello, S.L.',
  taxId: 'B12345674',
  email: 'facturas@demo.sello.local',
  language: 'es' as const,
  timezone: 'Europe/Madrid',
  address: {
    line1: 'Calle Mayor 1',
    city: 'Madrid',
    postalCode: '28013',
    province: 'Madrid',
    country: 'ES',
  },
};

/**
 * Reuses the demo tenant recorded in `local.json` when its key still works against this data;
 * otherwise (first start, or data wiped) provisions a new one.
 */
export async function ensureDemoTenant(localJsonPath: string) {
  if (existsSync(localJsonPath)) {
    const previous = JSON.parse(readFileSync(localJsonPath, 'utf8')) as Partial<LocalInfo>;
    if (previous.apiKey && previous.tenantId) {
      const principal = await authenticateApiKey({ apiKeys: repositories().apiKeys })(
        previous.apiKey,
      ).catch(() => undefined);
      if (principal?.tenantId === previous.tenantId) {
        return { tenantId: previous.tenantId, apiKey: previous.apiKey, created: false };
      }
    }
  }
  const { tenant, secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })(DEMO_TENANT);
  return { tenantId: tenant.id, apiKey: secret, created: true };
}
