import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../errors.ts';
import { identifyParty } from '../parties/identify.ts';
import type { Address, Language } from '../parties/party.ts';
import type { Clock } from '../ports/clock.ts';
import { validateTimezone } from '../schedules/expression.ts';
import type { SigningIdentityRepository } from '../signing/signing-identity.ts';
import { certificateHeldBy } from './tax-id-proof.ts';
import {
  mexicanTenantProblems,
  type Tenant,
  type TenantRepository,
  tenantVersion,
} from './tenant.ts';

/** What a tenant's staff may change of its company data (a merge patch: absent stays). */
export interface TenantPatch {
  name?: string | undefined;
  taxId?: string | undefined;
  email?: string | undefined;
  /** `null` removes it. */
  phone?: string | null | undefined;
  language?: Language | undefined;
  timezone?: string | undefined;
  /** Replaces the whole address. */
  address?: Address | undefined;
  /** Mexican tenants: c_RegimenFiscal; `null` removes it. */
  taxRegime?: string | null | undefined;
  /** Mexican tenants: LugarExpedicion, 5 digits; `null` removes it. */
  expeditionPostalCode?: string | null | undefined;
}

/** Writes a changed tenant; kept apart from TenantRepository, which many areas only read. */
export interface TenantUpdateRepository {
  /**
   * Stores `next` while the stored tenant is still at `next.version - 1` (a tenant stored without
   * a version is at 1); otherwise a PreconditionFailedError.
   */
  update(next: Tenant): Promise<void>;
  /** Whether the tenant has issued (or imported) any invoice: each carries its tax id. */
  hasIssuedInvoices(tenantId: string): Promise<boolean>;
}

export interface UpdateTenantDeps {
  tenants: Pick<TenantRepository, 'get'>;
  updates: TenantUpdateRepository;
  /** The uploaded signing certificate, which may prove a new tax id at once. */
  identities: Pick<SigningIdentityRepository, 'get'>;
  clock: Clock;
}

/** Lost races retried when the caller sent no `If-Match` (it patches whatever is current). */
const ATTEMPTS = 3;

/**
 * Changes the company data. The tax id and its country are the issuer's identity: every issued
 * invoice and the VERI*FACTU chain carry them, and the inbox the tenant reads is the tax id's. So
 * a change of either
 * - is refused (409 naming `taxId`) once the tenant has issued or imported an invoice: a business
 *   with a new tax id is a new tenant;
 * - drops the proof of the old tax id (whoever gave it: an operator vouched for that tax id, not
 *   this one), closing the inbox until the new one is proven — at once when the uploaded signing
 *   certificate's holder is the new tax id.
 * The tax id is checked as at sign-up (check digits against the country). Issued invoices keep
 * their own copy of the issuer, so renaming or moving changes only what is issued from now on.
 */
export const updateTenant =
  (deps: UpdateTenantDeps) =>
  async (tenantId: string, patch: TenantPatch, expectedVersion?: number): Promise<Tenant> => {
    for (let attempt = 1; ; attempt++) {
      const current = await deps.tenants.get(tenantId);
      if (!current) throw new NotFoundError('Tenant', tenantId);
      const version = tenantVersion(current);
      if (expectedVersion !== undefined && expectedVersion !== version) {
        throw new PreconditionFailedError(
          `The tenant is at version ${version}, not ${expectedVersion}`,
        );
      }
      const next = await patched(deps, current, patch);
      try {
        await deps.updates.update(next);
        return next;
      } catch (error) {
        const retry =
          error instanceof PreconditionFailedError &&
          expectedVersion === undefined &&
          attempt < ATTEMPTS;
        if (!retry) throw error;
      }
    }
  };

async function patched(
  deps: UpdateTenantDeps,
  current: Tenant,
  patch: TenantPatch,
): Promise<Tenant> {
  const address = patch.address ?? current.address;
  const identity = identifyParty(patch.taxId ?? current.taxId, address.country);
  if (patch.timezone !== undefined) timezoneChecked(patch.timezone);
  const now = deps.clock.now().toISOString();
  const moved = identity.taxId !== current.taxId || address.country !== current.address.country;
  const {
    taxIdProof,
    phone: _phone,
    taxRegime: _regime,
    expeditionPostalCode: _postal,
    ...rest
  } = current;
  const phone = patch.phone === undefined ? current.phone : (patch.phone ?? undefined);
  const taxRegime =
    patch.taxRegime === undefined ? current.taxRegime : (patch.taxRegime ?? undefined);
  const expeditionPostalCode =
    patch.expeditionPostalCode === undefined
      ? current.expeditionPostalCode
      : (patch.expeditionPostalCode ?? undefined);
  const next: Tenant = {
    ...rest,
    ...identity,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.email !== undefined ? { email: patch.email } : {}),
    ...(phone !== undefined ? { phone } : {}),
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
    address,
    ...(taxRegime !== undefined ? { taxRegime } : {}),
    ...(expeditionPostalCode !== undefined ? { expeditionPostalCode } : {}),
    version: tenantVersion(current) + 1,
    updatedAt: now,
  };
  // Only what the patch touches is checked: a tenant that moved abroad keeps stale fields
  // harmlessly (nothing outside Mexico prints them) until it removes them.
  const problems = mexicanTenantProblems({
    address,
    personType: next.personType,
    ...(patch.taxRegime != null ? { taxRegime: patch.taxRegime } : {}),
    ...(patch.expeditionPostalCode != null
      ? { expeditionPostalCode: patch.expeditionPostalCode }
      : {}),
  });
  if (problems.length) throw new ValidationError('Invalid Mexican tax data', problems);
  if (!moved) return taxIdProof ? { ...next, taxIdProof } : next;

  if (await deps.updates.hasIssuedInvoices(current.id)) {
    const field = identity.taxId !== current.taxId ? 'taxId' : 'address.country';
    throw new ConflictError(
      'The tax id cannot change once invoices were issued with it: they and the VERI*FACTU ' +
        'chain carry it. A business with another tax id signs up as a new tenant',
      [
        {
          path: field,
          message: `Invoices were issued as ${current.taxId} (${current.address.country})`,
        },
        ...(field === 'taxId' ? [] : [{ path: 'taxId', message: 'Fixed by the invoices issued' }]),
      ],
    );
  }
  // Tenants older than proofs count as operator-vouched while `origin` is absent: say who made
  // them, so the dropped proof stays dropped.
  const unproven: Tenant = { ...next, origin: current.origin ?? 'operator' };
  const identitySigning = await deps.identities.get(current.id);
  if (identitySigning && certificateHeldBy(unproven, identitySigning.certificatePem)) {
    return {
      ...unproven,
      taxIdProof: { method: 'certificate', at: now, certificateSubject: identitySigning.subject },
    };
  }
  return unproven;
}

function timezoneChecked(timezone: string) {
  try {
    validateTimezone(timezone);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(error.message, [
      { path: 'timezone', message: error.errors[0]?.message ?? error.message },
    ]);
  }
}
