import type { Address, Language } from '../parties/party.ts';
import type { PersonType, TaxIdKind } from '../parties/tax-id.ts';
import type { Page, PageRequest } from '../shared/page.ts';

/** An issuer: a business that invoices through Sello. */
export interface Tenant {
  id: string;
  name: string;
  taxId: string;
  taxIdKind: TaxIdKind;
  personType: PersonType;
  email: string;
  language: Language;
  /** IANA zone for dates, month limits and schedules. */
  timezone: string;
  address: Address;
  createdAt: string;
}

/** A stored API key: only the SHA-256 of the secret is kept. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

export interface TenantRepository {
  /** Creates the tenant and its first key atomically. */
  create(tenant: Tenant, firstKey: ApiKeyRecord): Promise<void>;
  get(id: string): Promise<Tenant | undefined>;
}

export interface ApiKeyRepository {
  create(key: ApiKeyRecord): Promise<void>;
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  list(tenantId: string, page: PageRequest): Promise<Page<ApiKeyRecord>>;
  get(tenantId: string, id: string): Promise<ApiKeyRecord | undefined>;
  revoke(key: ApiKeyRecord, at: string): Promise<void>;
}

/** What clients see of a key: never its hash. Field order is fixed for stable responses. */
export function apiKeyView(k: ApiKeyRecord) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt,
    ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}),
  };
}

export function tenantView(t: Tenant) {
  return {
    id: t.id,
    name: t.name,
    taxId: t.taxId,
    email: t.email,
    language: t.language,
    timezone: t.timezone,
    address: t.address,
    createdAt: t.createdAt,
  };
}
