import type { FieldError } from '../errors.ts';
import type { Address, Language } from '../parties/party.ts';
import type { PersonType, TaxIdKind } from '../parties/tax-id.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import { isMexicanPostalCode, taxRegimeProblem } from '../taxes/sat-catalogs.ts';

/** An issuer: a business that invoices through Sello. */
export interface Tenant {
  id: string;
  name: string;
  taxId: string;
  taxIdKind: TaxIdKind;
  personType: PersonType;
  email: string;
  /** Contact telephone, as people type it. */
  phone?: string;
  language: Language;
  /** IANA zone for dates, month limits and schedules. */
  timezone: string;
  address: Address;
  /** Mexican tenants: SAT's c_RegimenFiscal (e.g. "601"), printed as the Emisor's régimen. */
  taxRegime?: string;
  /** Mexican tenants: the postal code of the place of issue (CFDI LugarExpedicion), 5 digits. */
  expeditionPostalCode?: string;
  createdAt: string;
  /**
   * Who made the tenant: an operator (who checked the business's papers) or the business itself,
   * signing up in the portal. Absent on tenants stored before sign-up existed: all operator-made.
   */
  origin?: 'operator' | 'signUp';
  /** How the tenant proved its tax id is its own; absent while unproven. */
  taxIdProof?: TaxIdProof;
  /** Increases with every change; absent on tenants never changed (version 1). */
  version?: number;
  updatedAt?: string;
}

/**
 * The currency the tenant keeps its books and declares taxes in: EUR in Spain, MXN in Mexico.
 * An invoice in another currency carries the exchange rate to it.
 */
export const accountingCurrencyOf = (t: Pick<Tenant, 'address'>): string =>
  t.address.country === 'MX' ? 'MXN' : 'EUR';

/**
 * Checks the Mexican fields (régimen fiscal against the person type, postal code of issue),
 * pushing one error per fault; on a tenant outside Mexico they are refused.
 */
export function mexicanTenantProblems(
  t: Pick<Tenant, 'address' | 'personType' | 'taxRegime' | 'expeditionPostalCode'>,
  prefix = '',
): FieldError[] {
  const errors: FieldError[] = [];
  const given = (['taxRegime', 'expeditionPostalCode'] as const).filter((f) => t[f] !== undefined);
  if (t.address.country !== 'MX') {
    for (const f of given) {
      errors.push({ path: `${prefix}${f}`, message: 'Only Mexican tenants (country MX) have it' });
    }
    return errors;
  }
  if (t.taxRegime !== undefined) {
    const problem = taxRegimeProblem(t.taxRegime, t.personType);
    if (problem) errors.push({ path: `${prefix}taxRegime`, message: problem });
  }
  if (t.expeditionPostalCode !== undefined && !isMexicanPostalCode(t.expeditionPostalCode)) {
    errors.push({ path: `${prefix}expeditionPostalCode`, message: 'A postal code of 5 digits' });
  }
  return errors;
}

/** The tenant's version, for its ETag and optimistic locking. */
export const tenantVersion = (tenant: Pick<Tenant, 'version'>): number => tenant.version ?? 1;

/**
 * Proof that a tenant is the holder of its tax id. Until it has one, the inbox of that tax id
 * (invoices other issuers address to it) stays closed to the tenant: anyone can sign up with any
 * valid tax id, so the tax id alone proves nothing.
 */
export interface TaxIdProof {
  /**
   * `operator`: vouched for when provisioned; `certificate`: a signing certificate whose holder is
   * the tax id; `onboarding`: the two onboarding keys recipients register with.
   */
  method: 'operator' | 'certificate' | 'onboarding';
  at: string;
  /** The certificate's subject, for `certificate`. */
  certificateSubject?: string;
}

/** The tenant's proof of its tax id, if any (tenants older than proofs were vouched for). */
export function taxIdProofOf(tenant: Tenant): TaxIdProof | undefined {
  if (tenant.taxIdProof) return tenant.taxIdProof;
  return tenant.origin ? undefined : { method: 'operator', at: tenant.createdAt };
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

/** Records proofs of tax ids (kept apart from TenantRepository, which many areas only read). */
export interface TaxIdProofRepository {
  /**
   * Sets the tenant's proof of `taxId`, unless it has one already (the first proof stands) or its
   * tax id is no longer `taxId` (changed meanwhile: the proof was of the old one).
   */
  recordTaxIdProof(tenantId: string, taxId: string, proof: TaxIdProof): Promise<void>;
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
  const proof = taxIdProofOf(t);
  return {
    id: t.id,
    name: t.name,
    taxId: t.taxId,
    email: t.email,
    ...(t.phone ? { phone: t.phone } : {}),
    language: t.language,
    timezone: t.timezone,
    address: t.address,
    ...(t.taxRegime ? { taxRegime: t.taxRegime } : {}),
    ...(t.expeditionPostalCode ? { expeditionPostalCode: t.expeditionPostalCode } : {}),
    accountingCurrency: accountingCurrencyOf(t),
    createdAt: t.createdAt,
    ...(t.updatedAt ? { updatedAt: t.updatedAt } : {}),
    version: tenantVersion(t),
    taxIdVerified: Boolean(proof),
    ...(proof
      ? {
          taxIdProof: {
            method: proof.method,
            at: proof.at,
            ...(proof.certificateSubject ? { certificateSubject: proof.certificateSubject } : {}),
          },
        }
      : {}),
  };
}
