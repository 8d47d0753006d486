import { X509Certificate } from 'node:crypto';
import { type FieldError, ForbiddenError, NotFoundError } from '../errors.ts';
import { validateTaxId } from '../parties/tax-id.ts';
import type { Clock } from '../ports/clock.ts';
import { beginAttempt } from '../recipients/attempts.ts';
import type {
  AttemptCounter,
  OnboardingKey,
  OnboardingKeyKind,
  OnboardingKeyRepository,
} from '../recipients/model.ts';
import { hashSecret, looksLikeSecret, sameHash } from '../recipients/secrets.ts';
import type { SigningIdentity } from '../signing/signing-identity.ts';
import {
  type CertificateTrustProblem,
  type TrustAnchors,
  verifyCertificateChain,
} from '../signing/trust.ts';
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
export const certificateHeldBy = (
  tenant: { taxId: string; address: { country: string } },
  pem: string,
) =>
  certificateHolderTaxIds(pem).some(
    (h) => h.taxId === tenant.taxId && h.country === tenant.address.country,
  );

/** Why a certificate does not prove a tenant's tax id. */
export type TaxIdRefusal =
  /** The certificate names another holder (or no tax id at all). */
  'holder-mismatch' | CertificateTrustProblem;

export type CertificateTaxIdCheck = { proves: true } | { proves: false; reason: TaxIdRefusal };

type CertificateFiles = Pick<SigningIdentity, 'certificatePem' | 'chainPem'>;

/**
 * Whether a signing certificate proves the tenant's tax id at `at`: its holder is the tax id AND
 * it chains to a trusted CA (`verifyCertificateChain`: anyone can make a self-signed certificate
 * naming any tax id, only a CA checks who holds it). The chain may use the CA certificates the
 * uploaded file carried. Revocation is not checked (see verifyCertificateChain).
 */
export function certificateTaxIdCheck(
  tenant: { taxId: string; address: { country: string } },
  identity: CertificateFiles,
  anchors: TrustAnchors,
  at: Date,
): CertificateTaxIdCheck {
  if (!certificateHeldBy(tenant, identity.certificatePem)) {
    return { proves: false, reason: 'holder-mismatch' };
  }
  const trust = verifyCertificateChain(
    new X509Certificate(identity.certificatePem),
    identity.chainPem.map((pem) => new X509Certificate(pem)),
    anchors,
    at,
  );
  return trust.trusted ? { proves: true } : { proves: false, reason: trust.reason };
}

/**
 * What the tenant's signing certificate says about its tax id, where that matters: while the tax
 * id is unproven, or when a certificate proved it. Undefined when the operator or onboarding keys
 * proved it (the certificate then only signs).
 */
export function certificateTaxIdStatus(
  tenant: Tenant,
  identity: CertificateFiles,
  anchors: TrustAnchors,
  at: Date,
): CertificateTaxIdCheck | undefined {
  const proof = taxIdProofOf(tenant);
  if (proof && proof.method !== 'certificate') return undefined;
  return certificateTaxIdCheck(tenant, identity, anchors, at);
}

/**
 * After a signing certificate is uploaded: when it proves the tenant's tax id (its holder, issued
 * by a trusted CA) and the tax id is not proven yet, the certificate proves it. Answers the
 * tenant's proof afterwards (if any) and what the certificate says about the tax id (see
 * certificateTaxIdStatus). An untrusted certificate still signs: that is the tenant's business.
 */
export const proveTaxIdByCertificate =
  (deps: {
    tenants: Pick<TenantRepository, 'get'>;
    proofs: TaxIdProofRepository;
    clock: Clock;
    trustAnchors: TrustAnchors;
  }) =>
  async (
    tenantId: string,
    identity: Pick<SigningIdentity, 'certificatePem' | 'chainPem' | 'subject'>,
  ): Promise<{ proof?: TaxIdProof; check?: CertificateTaxIdCheck }> => {
    const tenant = await deps.tenants.get(tenantId);
    if (!tenant) throw new NotFoundError('Tenant', tenantId);
    const now = deps.clock.now();
    const current = taxIdProofOf(tenant);
    const check = certificateTaxIdStatus(tenant, identity, deps.trustAnchors, now);
    if (current || !check?.proves) return { ...(current ? { proof: current } : {}), check };
    const proof: TaxIdProof = {
      method: 'certificate',
      at: now.toISOString(),
      certificateSubject: identity.subject,
    };
    await deps.proofs.recordTaxIdProof(tenantId, tenant.taxId, proof);
    return { proof, check };
  };

const KEY_FIELD = { email: 'emailKey', issuer: 'issuerKey' } as const;

/**
 * Why an onboarding key cannot prove `tenant`'s tax id, if it cannot. Only keys another issuer
 * made count: a tenant could make both keys of any tax id itself (an invoice to a customer whose
 * e-mail it typed, and an issuer key), so its own would prove nothing.
 */
async function keyRefusal(
  keys: Pick<OnboardingKeyRepository, 'findByHash'>,
  kind: OnboardingKeyKind,
  secret: string,
  tenant: Tenant,
  now: string,
): Promise<{ key: OnboardingKey } | { error: FieldError }> {
  const fail = (message: string) => ({ error: { path: KEY_FIELD[kind], message } });
  if (!looksLikeSecret(kind === 'email' ? 'emailKey' : 'issuerKey', secret)) {
    return fail('Not a key of this kind');
  }
  const hash = hashSecret(secret);
  const key = await keys.findByHash(hash);
  if (!key || key.kind !== kind || !sameHash(key.hash, hash)) return fail('Unknown key');
  if (key.taxId !== tenant.taxId) return fail('This key was not issued for this tax id');
  if (key.tenantId === tenant.id) return fail('A key this tenant made itself proves nothing');
  if (key.revokedAt) return fail('The issuer revoked this key; ask for a new one');
  if (key.usedAt) return fail('This key was already used');
  if (key.expiresAt <= now) return fail(`This key expired at ${key.expiresAt}; ask for a new one`);
  return { key };
}

/** Records a proof by onboarding keys, consuming both keys in the same write. */
export interface OnboardingProofRepository {
  /**
   * Sets the tenant's proof and marks both keys used by it, all or nothing; a key spent meanwhile
   * is a ForbiddenError naming it, a tenant proven meanwhile keeps its first proof (no error).
   */
  recordTaxIdProofWithKeys(
    tenantId: string,
    proof: TaxIdProof,
    keys: { email: OnboardingKey; issuer: OnboardingKey },
    /** The tax id the keys prove: nothing is written when the tenant's changed meanwhile. */
    taxId: string,
  ): Promise<void>;
}

/**
 * The tenant proves its tax id as a recipient does: the key mailed with an invoice addressed to
 * that tax id and the key its issuer handed over, both made by another issuer. The keys are
 * spent. Attempts are rate limited per tenant and per source address, like registrations.
 */
export const proveTaxIdWithOnboardingKeys =
  (deps: {
    tenants: Pick<TenantRepository, 'get'>;
    onboardingKeys: Pick<OnboardingKeyRepository, 'findByHash'>;
    proofs: OnboardingProofRepository;
    attempts: AttemptCounter;
    clock: Clock;
  }) =>
  async (
    tenantId: string,
    input: { emailKey: string; issuerKey: string },
    source: { ip?: string | undefined },
  ): Promise<Tenant> => {
    const tenant = await deps.tenants.get(tenantId);
    if (!tenant) throw new NotFoundError('Tenant', tenantId);
    if (taxIdProofOf(tenant)) return tenant;
    const attempt = await beginAttempt(deps, `tax-id-proof:${tenantId}`, source.ip);
    const now = deps.clock.now().toISOString();
    const [email, issuer] = await Promise.all([
      keyRefusal(deps.onboardingKeys, 'email', input.emailKey, tenant, now),
      keyRefusal(deps.onboardingKeys, 'issuer', input.issuerKey, tenant, now),
    ]);
    if ('error' in email || 'error' in issuer) {
      const errors = [email, issuer].flatMap((k) => ('error' in k ? [k.error] : []));
      throw new ForbiddenError('These onboarding keys do not prove the tax id', errors);
    }
    const proof: TaxIdProof = { method: 'onboarding', at: now };
    await deps.proofs.recordTaxIdProofWithKeys(
      tenantId,
      proof,
      { email: email.key, issuer: issuer.key },
      tenant.taxId,
    );
    await attempt.succeeded();
    return (await deps.tenants.get(tenantId)) ?? { ...tenant, taxIdProof: proof };
  };
