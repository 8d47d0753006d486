import { DynamoGlobalInvoiceRepository, DynamoGlobalTenantDirectory, KmsSigner } from '@sello/aws';
import type { Pac } from '@sello/core/ports';
import { systemClock } from '@sello/core/ports';
import * as core from '@sello/core/tickets';
import { buildCfdi, globalCfdi, sealCfdi } from '@sello/formats/cfdi';
import { documentClient, kmsClient } from './clients.ts';
import { tableName } from './config.ts';
import { artifactStore } from './documents.ts';
import { pac } from './pac.ts';
import { repositories } from './repositories.ts';

/**
 * Mexico's factura global: the close of a period and the reissue for a late buyer, sealed with
 * the tenant's CSD key in KMS and stamped by the configured PAC (as `cfdi.ts` does for invoices).
 */
let signer: KmsSigner | undefined;
let globals: DynamoGlobalInvoiceRepository | undefined;
let directory: DynamoGlobalTenantDirectory | undefined;

/** The tenants the daily sweep closes months for: registered by their first MXN ticket import. */
export const globalTenantDirectory = () => {
  directory ??= new DynamoGlobalTenantDirectory(documentClient(), tableName());
  return directory;
};

export const globalInvoiceRepository = () => {
  globals ??= new DynamoGlobalInvoiceRepository(documentClient(), tableName());
  return globals;
};

export const globalSealer = (): core.GlobalSealer => ({
  async seal(document, csd) {
    signer ??= new KmsSigner(kmsClient());
    const certificate = Buffer.from(csd.certificateBase64, 'base64');
    return buildCfdi(await sealCfdi(globalCfdi(document), signer, csd.keyId, certificate));
  },
});

/** The PAC built when first used (a deployment without one never needs it for others). */
const lazyPac: Pac = {
  stamp: (xml) => pac().stamp(xml),
  cancel: (request) => pac().cancel(request),
};

export const globalInvoiceDeps = (): core.GlobalInvoiceDeps => {
  const r = repositories();
  return {
    tenants: r.tenants,
    tickets: r.tickets,
    globals: globalInvoiceRepository(),
    csd: r.csdIdentities,
    sealer: globalSealer(),
    pac: lazyPac,
    artifacts: artifactStore(),
    clock: systemClock,
  };
};

export const closeGlobalPeriod = () => core.closeGlobalPeriod(globalInvoiceDeps());
export const listGlobalInvoices = () => core.listGlobalInvoices(globalInvoiceDeps());
export const getGlobalInvoiceDocument = () => core.getGlobalInvoiceDocument(globalInvoiceDeps());
export const invoiceFromGlobal = () => core.invoiceFromGlobal(globalInvoiceDeps());

/** The daily sweep (`closeGlobalInvoices`): last month's global for every registered tenant. */
export const closeDueGlobals = () =>
  core.closeDueGlobals({ ...globalInvoiceDeps(), directory: globalTenantDirectory() });
