import { KmsSigner } from '@sello/aws';
import { ValidationError } from '@sello/core/errors';
import * as core from '@sello/core/invoices';
import type { Pac } from '@sello/core/ports';
import { systemClock } from '@sello/core/ports';
import { buildCfdi, CfdiMappingError, cfdiOfInvoice, sealCfdi } from '@sello/formats/cfdi';
import { kmsClient } from './clients.ts';
import { artifactStore } from './documents.ts';
import { formats } from './formats.ts';
import { pac } from './pac.ts';
import { repositories } from './repositories.ts';

/**
 * Mexico: an invoice as CFDI 4.0, built from the frozen invoice (`cfdiOfInvoice`), sealed with the
 * tenant's CSD key in KMS (a digest signed by `Sign`), and stamped by the configured PAC.
 */
let signer: KmsSigner | undefined;

export const cfdiSealer = (): core.CfdiSealer => ({
  async seal(invoice, csd, timeZone) {
    signer ??= new KmsSigner(kmsClient());
    const certificate = Buffer.from(csd.certificateBase64, 'base64');
    const unsealed = mapped(() =>
      cfdiOfInvoice(
        invoice,
        { number: csd.certificateNumber, base64: csd.certificateBase64 },
        { timeZone },
      ),
    );
    return buildCfdi(await sealCfdi(unsealed, signer, csd.keyId, certificate));
  },
});

/** A field the CFDI needs and the invoice lacks is the client's to fix (checked before numbering). */
function mapped<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof CfdiMappingError) {
      throw new ValidationError(error.message, [{ path: error.path, message: error.message }]);
    }
    throw error;
  }
}

const stampDeps = (thePac: Pac = pac()): core.StampDeps => {
  const r = repositories();
  return {
    invoices: r.invoices,
    tenants: r.tenants,
    customers: r.customers,
    csd: r.csdIdentities,
    sealer: cfdiSealer(),
    pac: thePac,
    artifacts: artifactStore(),
    formats,
    clock: systemClock,
  };
};

export const stampInvoice = () => core.stampInvoice(stampDeps());

let stamper: ReturnType<typeof stampInvoice> | undefined;

/** Built on the first Mexican invoice: a deployment without a PAC never needs one for others. */
export const lazyStamp = (tenantId: string, id: string) => {
  stamper ??= stampInvoice();
  return stamper(tenantId, id);
};

/** The PAC built when first used: the cancel route serves Spanish invoices too, which need none. */
const lazyPac: Pac = {
  stamp: (xml) => pac().stamp(xml),
  cancel: (request) => pac().cancel(request),
};

/** Cancels a stamped CFDI at SAT through the PAC (`POST /v1/invoices/{id}/cancel`, Mexico). */
export const cancelCfdi = () =>
  core.cancelCfdi({ invoices: repositories().invoices, pac: lazyPac, clock: systemClock });
