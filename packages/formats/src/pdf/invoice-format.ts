import type { Invoice } from '@sello/core/invoices';
import type { CfdiPorts } from '../cfdi/invoice-format.ts';
import { type CfdiPrint, cfdiPrint } from '../cfdi/print.ts';
import { readCfdi } from '../cfdi/read.ts';
import { defineFormat, type VerifactuQrPort } from '../registry/format.ts';
import { pdfFacts } from './facts.ts';

/**
 * Draws the PDF (`renderInvoicePdf` of @sello/pdf). A port, not an import: pdf-lib and its fonts
 * live only in the function that draws, which the others call.
 */
export type PdfDrawer = (
  invoice: Invoice,
  options: { draft: boolean; verifactuQrUrl?: string; cfdi?: CfdiPrint },
) => Promise<Uint8Array>;

export interface PdfPorts extends VerifactuQrPort, CfdiPorts {
  drawPdf: PdfDrawer;
}

/**
 * The printed invoice: stored once issued; a draft's is a preview, without the AEAT QR. A
 * Mexican invoice's is its CFDI's printed representation, read from the stamped document.
 */
export const pdfFormat = defineFormat(pdfFacts, async (invoice, ports: PdfPorts, { draft }) => {
  const qr = draft ? undefined : ports.verifactuQrUrl(invoice);
  const cfdi =
    !draft && invoice.cfdi?.status === 'stamped'
      ? cfdiPrint(readCfdi(new TextDecoder().decode(await ports.stampedCfdi(invoice))))
      : undefined;
  return ports.drawPdf(invoice, {
    draft,
    ...(qr ? { verifactuQrUrl: qr } : {}),
    ...(cfdi ? { cfdi } : {}),
  });
});
