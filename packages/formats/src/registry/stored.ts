import type { InvoiceRenderer } from '@sello/core/invoices';
import { cfdiFormat } from '../cfdi/invoice-format.ts';
import { facturaeFormat } from '../facturae/invoice-format.ts';
import { pdfFormat } from '../pdf/invoice-format.ts';
import { type PortsOf, rendererOf, type StoredFormatTable } from './registry.ts';

/**
 * The formats made once at issue and stored, one line each. A table of its own so the function
 * that makes them bundles no on-request builder.
 */
export const STORED_FORMAT_TABLE = {
  pdf: pdfFormat,
  facturae: facturaeFormat,
  cfdi: cfdiFormat,
} as const satisfies StoredFormatTable;

export type StoredFormatPorts = PortsOf<typeof STORED_FORMAT_TABLE>;

/** The domain's `InvoiceRenderer` over the stored formats' builders. */
export const storedFormatsRenderer = (ports: StoredFormatPorts): InvoiceRenderer =>
  rendererOf(STORED_FORMAT_TABLE, ports);
