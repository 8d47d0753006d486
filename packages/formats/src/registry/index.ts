import { cfdiFormat } from '../cfdi/invoice-format.ts';
import { ciiFormat } from '../cii/invoice-format.ts';
import { facturaeFormat } from '../facturae/invoice-format.ts';
import { pdfFormat } from '../pdf/invoice-format.ts';
import { ublFormat } from '../ubl/invoice-format.ts';
import { verifactuFormat } from '../verifactu/invoice-format.ts';
import { formatRegistry } from './registry.ts';

export type { CfdiPorts } from '../cfdi/invoice-format.ts';
export type { FacturaePorts, FacturaeSigningKey } from '../facturae/invoice-format.ts';
export type { PdfDrawer, PdfPorts } from '../pdf/invoice-format.ts';
export { type VerifactuRecordPorts, writeBillingRecord } from '../verifactu/invoice-format.ts';
export * from './format.ts';
export * from './registry.ts';

/**
 * Every format Sello writes, one line each (the catalog of `@sello/core/formats` holds their
 * facts). Adding a format: its folder with a `format.ts`, its facts, and its line here.
 */
export const INVOICE_FORMAT_TABLE = {
  pdf: pdfFormat,
  facturae: facturaeFormat,
  ubl: ublFormat,
  cii: ciiFormat,
  verifactu: verifactuFormat,
  cfdi: cfdiFormat,
} as const;

export const invoiceFormats = formatRegistry(INVOICE_FORMAT_TABLE);

/** The ports every format's builder needs, together. */
export type InvoiceFormatPorts = import('./registry.ts').PortsOf<
  typeof INVOICE_FORMAT_TABLE,
  keyof typeof INVOICE_FORMAT_TABLE
>;
