import type { Invoice } from '@sello/core/invoices';
import { defineFormat, type VerifactuQrPort } from '../registry/format.ts';

/**
 * Draws the PDF (`renderInvoicePdf` of @sello/pdf). A port, not an import: pdf-lib and its fonts
 * live only in the function that draws, which the others call.
 */
export type PdfDrawer = (
  invoice: Invoice,
  options: { draft: boolean; verifactuQrUrl?: string },
) => Promise<Uint8Array>;

export interface PdfPorts extends VerifactuQrPort {
  drawPdf: PdfDrawer;
}

/** The printed invoice: stored once issued; a draft's is a preview, without the AEAT QR. */
export const pdfFormat = defineFormat('pdf', (invoice, ports: PdfPorts, { draft }) => {
  const qr = draft ? undefined : ports.verifactuQrUrl(invoice);
  return ports.drawPdf(invoice, { draft, ...(qr ? { verifactuQrUrl: qr } : {}) });
});
