import { X509Certificate } from 'node:crypto';
import { NotFoundError } from '../errors.ts';
import { validateTaxId } from '../parties/tax-id.ts';
import type { Clock } from '../ports/clock.ts';
import type { SigningIdentity } from '../signing/signing-identity.ts';
import {
  type TaxIdProof,
  type TaxIdProofRepository,
  type Tenant,
  type TenantRepository,
  taxIdProofOf,
} from './tenant.ts';

/**
 * Subject attributes that name a certificate's holder by tax id (ETSI EN 319 412-1): the
 * organisation's `organizationIdentifier` (2.5.4.97, e.g. `VATES-B12345674`) and the person's
 * `serialNumber` (e.g. `IDCES-12345678Z`; older Spanish certificates carry the bare NIF).
 */
const HOLDER_ATTRIBUTES = /^(organizationIdentifier|2\.5\.4\.97|serialNumber)=(.+)$/;
/** `VAT`, `IDC`, `TIN`… then the issuing country, then the identifier. */
const SEMANTIC_ID = /^(?:VAT|IDC|TIN|NTR|PAS|PNO|CPI)([A-Z]{2})[-:](.+)$/;

/**
 * The tax ids a certificate names as its holder, each with the country it belongs to. A person's
 * certificate names the person; a representative's names the represented organisation in
 * `organizationIdentifier` and the representative in `serialNumber`, so both are listed and the
 * caller compares with the tax id it expects.
 */
export function certificateHolderTaxIds(
  certificatePem: string,
): Array<{ taxId: string; country: string }> {
  const subject = new X509Certificate(certificatePem).subject;
  const found: Array<{ taxId: string; country: string }> = [];
  for (const line of subject.split('\n')) {
    const value = HOLDER_ATTRIBUTES.exec(line)?.[2]?.trim().toUpperCase();
    if (!value) continue;
    const semantic = SEMANTIC_ID.exec(value);
    const country = semantic?.[1] ?? 'ES';
    const raw = semantic?.[2] ?? value;
    const check = validateTaxId(raw, country);
    if (check.valid) found.push({ taxId: check.normalized, country });
  }
  return found;
}

/** Whether the certificate's holder is the tenant (same tax id, same country). */
export const certificateHeldBy = (tenant: Pick<Tenant, 'taxId' | 'address'>, pem: string) =>
  certificateHolderTaxIds(pem).some(
    (h) => h.taxId === tenant.taxId && h.country === tenant.address.country,
  );

/**
 * After a signing certificate is uploaded: when its holder is the tenant's tax id and the tax id
 * is not proven yet, the certificate proves it. Answers the tenant's proof afterwards (if any).
 */
export const proveTaxIdByCertificate =
  (deps: { tenants: Pick<TenantRepository, 'get'>; proofs: TaxIdProofRepository; clock: Clock }) =>
  async (
    tenantId: string,
    identity: Pick<SigningIdentity, 'certificatePem' | 'subject'>,
  ): Promise<TaxIdProof | undefined> => {
    const tenant = await deps.tenants.get(tenantId);
    if (!tenant) throw new NotFoundError('Tenant', tenantId);
    const current = taxIdProofOf(tenant);
    if (current || !certificateHeldBy(tenant, identity.certificatePem)) return current;
    const proof: TaxIdProof = {
      method: 'certificate',
      at: deps.clock.now().toISOString(),
      certificateSubject: identity.subject,
    };
    await deps.proofs.recordTaxIdProof(tenantId, proof);
    return proof;
  };
