import { renderInvoicePdf } from '@sello/app/documents';
import { RenderInvoicePdfEvent, triggered } from '@sello/contracts';
import type { Invoice } from '@sello/core/invoices';
import { jobHandler } from '@sello/http';

/**
 * Draws the PDF of the invoice it is given; the caller stores it (see `invokedPdf`). The file's
 * dates are the invoice's own, so drawing an issued invoice twice gives the same bytes.
 */
export const handler = jobHandler(
  triggered.renderInvoicePdf,
  RenderInvoicePdfEvent,
  async ({ invoice, draft, verifactuQrUrl }) => {
    const frozen = invoice as unknown as Invoice;
    const pdf = await renderInvoicePdf(frozen, {
      draft,
      ...(draft ? {} : { now: new Date(frozen.issuedAt ?? frozen.updatedAt) }),
      ...(verifactuQrUrl ? { verifactu: { qrUrl: verifactuQrUrl } } : {}),
    });
    return { pdf: Buffer.from(pdf).toString('base64') };
  },
);
