import { ON_REQUEST_FORMAT_TABLE } from './on-request.ts';
import { formatRegistry } from './registry.ts';
import { STORED_FORMAT_TABLE } from './stored.ts';

export type { CfdiPorts } from '../cfdi/invoice-format.ts';
export type { FacturaePorts, FacturaeSigningKey } from '../facturae/invoice-format.ts';
export type { PdfDrawer, PdfPorts } from '../pdf/invoice-format.ts';
export { type VerifactuRecordPorts, writeBillingRecord } from '../verifactu/invoice-format.ts';
export * from './facts.ts';
export * from './format.ts';
export * from './on-request.ts';
export * from './registry.ts';
export * from './stored.ts';

/**
 * Every format Sello writes: the stored ones (`stored.ts`) and those built on request
 * (`on-request.ts`), one line each in the table of its kind, over the facts of `facts.ts`.
 * Adding a format: its folder (`facts.ts`, `invoice-format.ts`) and its lines here (see README).
 */
export const invoiceFormats = /* @__PURE__ */ formatRegistry(
  STORED_FORMAT_TABLE,
  ON_REQUEST_FORMAT_TABLE,
);

/** The ports every format's builder needs, together. */
export type InvoiceFormatPorts = import('./registry.ts').PortsOf<
  typeof STORED_FORMAT_TABLE & typeof ON_REQUEST_FORMAT_TABLE
>;
