import { KmsSigner } from '@sello/aws';
import * as core from '@sello/core/invoices';
import type { Pac } from '@sello/core/ports';
import { systemClock } from '@sello/core/ports';
import { buildCfdi, cfdiOfInvoice, sealCfdi } from '@sello/formats/cfdi';
import { kmsClient } from './clients.ts';
import { artifactStore } from './documents.ts';
import { pac } from './pac.ts';
import { repositories } from './repositories.ts';

/**
 * Mexico: an invoice as CFDI 4.0, built from the frozen invoice (`cfdiOfInvoice`), sealed with the
 * tenant's CSD key in KMS (a digest signed by `Sign`), and stamped by the configured PAC.
 */
let signer: KmsSigner | undefined;

export const cfdiSealer = (): core.CfdiSealer => ({
  async seal(invoice, csd) {
    signer ??= new KmsSigner(kmsClient());
    const certificate = Buffer.from(csd.certificateBase64, 'base64');
    const unsealed = cfdiOfInvoice(invoice, {
      number: csd.certificateNumber,
      base64: csd.certificateBase64,
    });
    return buildCfdi(await sealCfdi(unsealed, signer, csd.keyId, certificate));
  },
});

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
