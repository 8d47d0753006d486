import type { InvoiceExporter } from '@sello/core/invoices';
import { ciiFormat } from '../cii/invoice-format.ts';
import { ublFormat } from '../ubl/invoice-format.ts';
import { verifactuFormat } from '../verifactu/invoice-format.ts';
import { exporterOf, type OnRequestFormatTable, type PortsOf } from './registry.ts';

/**
 * The formats built on request from the frozen invoice, one line each. A table of its own so the
 * functions that serve them bundle no signer nor stored-format builder.
 */
export const ON_REQUEST_FORMAT_TABLE = {
  ubl: ublFormat,
  cii: ciiFormat,
  verifactu: verifactuFormat,
} as const satisfies OnRequestFormatTable;

export type OnRequestFormatPorts = PortsOf<typeof ON_REQUEST_FORMAT_TABLE>;

/** The domain's `InvoiceExporter` over the on-request formats' builders. */
export const onRequestFormatsExporter = (ports: OnRequestFormatPorts): InvoiceExporter =>
  exporterOf(ON_REQUEST_FORMAT_TABLE, ports);
