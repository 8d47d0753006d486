import { triggered } from '@sello/contracts';
import type { DocumentFormat, Invoice, InvoiceDocuments } from '@sello/core/invoices';
import type { PdfDrawer } from '@sello/formats/registry';
import { invoker } from './invoker.ts';

/**
 * Documents made by other functions, called and awaited: what lets the functions that serve and
 * send documents stay small (pdf-lib and its fonts live only in `renderInvoicePdf`, signing only
 * where documents are made). Lambda results are JSON, so bytes travel base64; they stay far
 * below Lambda's 6 MB.
 */

/** What `renderInvoicePdf` answers. */
export interface RenderedPdf {
  pdf: string;
}

/** The PDF drawn by `renderInvoicePdf`; the invoice travels in the request, so it reads nothing. */
export const invokedPdf: PdfDrawer = async (invoice: Invoice, options) => {
  const { pdf } = await invoker().call<RenderedPdf>(triggered.renderInvoicePdf.id, {
    invoice,
    ...options,
  });
  return Buffer.from(pdf, 'base64');
};

/** What `ensureInvoiceDocuments` answers. */
export interface EnsuredDocuments {
  documents: Partial<Record<DocumentFormat, string>>;
}

/** An issued invoice's stored documents, made first where missing by `ensureInvoiceDocuments`. */
export const invokedDocuments: InvoiceDocuments = {
  async ensure(invoice, formats) {
    const { documents } = await invoker().call<EnsuredDocuments>(
      triggered.ensureInvoiceDocuments.id,
      { tenantId: invoice.tenantId, invoiceId: invoice.id, formats },
    );
    return Object.fromEntries(
      formats.map((f) => {
        const base64 = documents[f];
        if (base64 === undefined) {
          throw new Error(`ensureInvoiceDocuments has no ${f} for ${invoice.id}: not issued`);
        }
        return [f, Buffer.from(base64, 'base64')];
      }),
    ) as never;
  },
};
