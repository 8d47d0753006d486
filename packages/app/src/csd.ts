import { KmsKeyImporter } from '@sello/aws';
import { systemClock } from '@sello/core/ports';
import * as signing from '@sello/core/signing';
import { CsdError, readCsd } from '@sello/signing/csd';
import { kmsClient } from './clients.ts';
import { stage } from './config.ts';
import { repositories } from './repositories.ts';

/** Mexico: the tenant's CSD, whose key seals its CFDI (in KMS, as the Facturae key). */
const r = () => repositories();

/** `readCsd` as the domain's port: its errors become the domain's, naming the same field. */
const readCsdForCore: signing.CsdReader = (certificate, key, password) => {
  try {
    return readCsd(certificate, key, password);
  } catch (error) {
    if (error instanceof CsdError)
      throw new signing.CsdUnreadableError(error.problem, error.field, error.message);
    throw error;
  }
};

/** The `.cer`/`.key` pair is opened, the key imported into a per-tenant KMS key, the files discarded. */
export const putCsd = () =>
  signing.putCsd({
    csds: r().csdIdentities,
    tenants: r().tenants,
    keys: new KmsKeyImporter(kmsClient(), { stage: stage() }),
    readCsd: readCsdForCore,
    clock: systemClock,
  });

export const getCsd = () => signing.getCsd({ csds: r().csdIdentities });

/** For CFDI issuing: `{keyId, certificateNumber, certificateBase64, rfc, validFrom, validTo}`. */
export const csdForSealing = () => signing.csdForSealing({ csds: r().csdIdentities });
