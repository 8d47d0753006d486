import { createPrivateKey } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import {
  type CsdContents,
  type CsdIdentity,
  type CsdIdentityRepository,
  type CsdReader,
  type CsdSealingIdentity,
  CsdUnreadableError,
} from './csd-identity.ts';
import type { KeyImporter, RsaKeySpec } from './signing-identity.ts';

export interface CsdDeps {
  csds: CsdIdentityRepository;
  /** The tenant's RFC is its tax id. */
  tenants: { get(tenantId: string): Promise<{ taxId: string } | undefined> };
  keys: KeyImporter;
  readCsd: CsdReader;
  clock: Clock;
}

export interface CsdInput {
  /** The `.cer` file (DER, or PEM), base64. */
  certificate: string;
  /** The `.key` file (PKCS#8, encrypted with the password), base64. */
  key: string;
  password: string;
}

const KEY_SPECS: Record<number, RsaKeySpec> = {
  2048: 'RSA_2048',
  3072: 'RSA_3072',
  4096: 'RSA_4096',
};

const invalid = (path: keyof CsdInput, message: string, detail = message) =>
  new ValidationError(detail, [{ path, message }]);

/**
 * Takes a tenant's CSD (`.cer`, `.key`, password): checks it is a CSD (not an e.firma), that the
 * password opens the key and the key is the certificate's, that it is in force and that its RFC
 * is the tenant's; then imports the key into a KMS key of the tenant's own and keeps only the
 * certificate. The key, its file and the password are never stored, logged or returned; bad input
 * is refused before anything is created.
 */
export const putCsd =
  ({ csds, tenants, keys, readCsd, clock }: CsdDeps) =>
  async (tenantId: string, input: CsdInput): Promise<CsdIdentity> => {
    const csd = open(readCsd, input);
    try {
      const tenant = await tenants.get(tenantId);
      if (!tenant) throw new NotFoundError('Tenant', tenantId);
      if (csd.rfc !== tenant.taxId.toUpperCase()) {
        throw new ConflictError(
          `The CSD is of RFC ${csd.rfc}, not of the tenant's RFC ${tenant.taxId}`,
          [
            {
              path: 'certificate',
              message: `The CSD is of RFC ${csd.rfc}; the tenant's RFC is ${tenant.taxId}`,
            },
          ],
        );
      }
      const now = clock.now();
      if (csd.validTo.getTime() <= now.getTime()) {
        throw invalid(
          'certificate',
          `The CSD expired on ${csd.validTo.toISOString()}`,
          `The CSD expired on ${csd.validTo.toISOString()}; upload a current one`,
        );
      }
      if (csd.validFrom.getTime() > now.getTime()) {
        throw invalid('certificate', `The CSD is not valid until ${csd.validFrom.toISOString()}`);
      }
      const spec = keySpec(csd.privateKey);
      const certificateBase64 = Buffer.from(csd.certificate).toString('base64');

      // The same CSD uploaded again (a retried PUT) must not make another KMS key.
      const current = await csds.get(tenantId);
      if (current?.certificateBase64 === certificateBase64) return current;

      const { keyId } = await keys.importRsaKey(tenantId, csd.privateKey, spec);
      const identity: CsdIdentity = {
        keyId,
        certificateNumber: csd.noCertificado,
        certificateBase64,
        rfc: csd.rfc,
        name: csd.legalName,
        validFrom: csd.validFrom.toISOString(),
        validTo: csd.validTo.toISOString(),
        importedAt: now.toISOString(),
      };
      await csds.put(tenantId, identity);
      return identity;
    } finally {
      // Best effort: the plaintext key bytes should not outlive the request in our buffers.
      csd.privateKey.fill(0);
    }
  };

function open(readCsd: CsdReader, input: CsdInput): CsdContents {
  try {
    return readCsd(
      Buffer.from(input.certificate, 'base64'),
      Buffer.from(input.key, 'base64'),
      input.password,
    );
  } catch (error) {
    if (!(error instanceof CsdUnreadableError)) throw error;
    if (error.problem === 'e-firma') {
      throw invalid(
        'certificate',
        'This is an e.firma (FIEL) certificate, not a CSD',
        'This is an e.firma (FIEL) certificate; invoices are sealed with a CSD (certificado de sello digital), which SAT issues apart',
      );
    }
    throw invalid(error.field, error.message);
  }
}

function keySpec(pkcs8Der: Uint8Array): RsaKeySpec {
  const key = createPrivateKey({ key: Buffer.from(pkcs8Der), format: 'der', type: 'pkcs8' });
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  const spec = KEY_SPECS[bits];
  if (!spec) throw invalid('key', `The RSA key has ${bits} bits; 2048, 3072 or 4096 are supported`);
  return spec;
}

/** The tenant's CSD as clients see it; 404 before one is uploaded. */
export const getCsd =
  ({ csds }: { csds: CsdIdentityRepository }) =>
  async (tenantId: string): Promise<CsdIdentity> => {
    const identity = await csds.get(tenantId);
    if (!identity) throw new NotFoundError('CSD of tenant', tenantId);
    return identity;
  };

/**
 * What sealing a tenant's CFDI takes: the KMS key and the certificate. A tenant without a CSD
 * cannot issue a CFDI; the error says how to get one in.
 */
export const csdForSealing =
  ({ csds }: { csds: CsdIdentityRepository }) =>
  async (tenantId: string): Promise<CsdSealingIdentity> => {
    const identity = await csds.get(tenantId);
    if (!identity) {
      throw new ConflictError(
        'The tenant has no CSD to seal CFDI with; upload it first (PUT /v1/csd)',
        [{ path: 'csd', message: 'No CSD uploaded' }],
      );
    }
    const { keyId, certificateNumber, certificateBase64, rfc, validFrom, validTo } = identity;
    return { keyId, certificateNumber, certificateBase64, rfc, validFrom, validTo };
  };
