import { KmsKeyImporter } from '@sello/aws';
import { systemClock, ulidIds } from '@sello/core/ports';
import * as signing from '@sello/core/signing';
import * as core from '@sello/core/tenants';
import { forgetApiKey } from '@sello/http';
// A separate entry point: node-forge is bundled only into the functions that read PKCS#12.
import { readPkcs12 } from '@sello/signing/pkcs12';
import { kmsClient } from './clients.ts';
import { stage } from './config.ts';
import { repositories } from './repositories.ts';
import { trustAnchors } from './trust.ts';

/** Tenants, their API keys and their signing certificate. */
const r = () => repositories();

export const getTenant = () => core.getTenant({ tenants: r().tenants });

/** Changes the company data; a new tax id may be proven at once by the uploaded certificate. */
export const updateTenant = () =>
  core.updateTenant({
    tenants: r().tenants,
    updates: r().tenants,
    identities: r().signingIdentities,
    clock: systemClock,
  });

export const provisionTenant = () =>
  core.provisionTenant({ tenants: r().tenants, clock: systemClock, ids: ulidIds });

export const createApiKey = () =>
  core.createApiKey({ apiKeys: r().apiKeys, clock: systemClock, ids: ulidIds });

export const listApiKeys = () => core.listApiKeys({ apiKeys: r().apiKeys });

/** Revokes the key and drops it from this container's authentication cache at once. */
export function revokeApiKey() {
  const revoke = core.revokeApiKey({ apiKeys: r().apiKeys, clock: systemClock });
  return async (tenantId: string, keyId: string, callerKeyId?: string) => {
    await revoke(tenantId, keyId, callerKeyId);
    forgetApiKey(keyId);
  };
}

/**
 * The tenant's signing certificate and, while it matters, whether it proves the tenant's tax id
 * now (checked at each read: a certificate expires, the trusted CAs change with the deployment).
 */
export function getSigningCertificate() {
  const get = signing.getSigningCertificate({ identities: r().signingIdentities });
  return async (tenantId: string) => {
    const [identity, tenant] = await Promise.all([get(tenantId), r().tenants.get(tenantId)]);
    const taxIdCheck =
      tenant && core.certificateTaxIdStatus(tenant, identity, trustAnchors(), systemClock.now());
    return { identity, taxIdCheck };
  };
}

/**
 * The uploaded PKCS#12's key goes into a per-tenant KMS key; the file is discarded. A certificate
 * whose holder is the tenant's tax id, issued by a trusted CA, proves that tax id (and opens the
 * tenant's inbox); any other still signs.
 */
export function putSigningCertificate() {
  const put = signing.putSigningCertificate({
    identities: r().signingIdentities,
    keys: new KmsKeyImporter(kmsClient(), { stage: stage() }),
    readPkcs12,
    clock: systemClock,
  });
  const prove = core.proveTaxIdByCertificate({
    tenants: r().tenants,
    proofs: r().tenants,
    clock: systemClock,
    trustAnchors: trustAnchors(),
  });
  return async (...args: Parameters<typeof put>) => {
    const identity = await put(...args);
    const { check } = await prove(args[0], identity);
    return { identity, taxIdCheck: check };
  };
}

/** Proves the tenant's tax id with two onboarding keys of another issuer (they are spent). */
export const proveTaxId = () =>
  core.proveTaxIdWithOnboardingKeys({
    tenants: r().tenants,
    onboardingKeys: r().onboardingKeys,
    proofs: r().tenants,
    attempts: r().attempts,
    clock: systemClock,
  });
