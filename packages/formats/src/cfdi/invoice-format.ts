import type { Invoice } from '@sello/core/invoices';
import { defineFormat } from '../registry/format.ts';
import { cfdiFacts } from './facts.ts';

/** Where the stamped CFDI is: stamping stored it (`@sello/core/invoices` `stampInvoice`). */
export interface CfdiPorts {
  /** The stamped XML as the PAC returned it; a ConflictError while the invoice is not stamped. */
  stampedCfdi(invoice: Invoice): Promise<Uint8Array>;
}

/**
 * CFDI 4.0 of Mexican issuers. Not built here: the PAC's stamp makes it the legal original, and a
 * stamp cannot be made twice, so it is the document stamping stored (see `cfdiOfInvoice`,
 * `sealCfdi` and the PAC port for how it came to be).
 */
export const cfdiFormat = defineFormat(cfdiFacts, (invoice, ports: CfdiPorts) =>
  ports.stampedCfdi(invoice),
);
