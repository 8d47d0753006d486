import { renderInvoicePdf } from '@sello/app/documents';
import { pdfBranding } from '@sello/app/settings';
import { RenderInvoicePdfEvent, triggered } from '@sello/contracts';
import type { Invoice } from '@sello/core/invoices';
import { jobHandler } from '@sello/http';

const brandingOf = pdfBranding();

/**
 * Draws the PDF of the invoice it is given, with the tenant's branding of the moment (logo,
 * accent colour, footer); the caller stores it (see `invokedPdf`). The file's dates are the
 * invoice's own, so drawing an issued invoice twice under the same branding gives the same bytes.
 */
export const handler = jobHandler(
  triggered.renderInvoicePdf,
  RenderInvoicePdfEvent,
  async ({ invoice, draft, verifactuQrUrl, cfdi }) => {
    const frozen = invoice as unknown as Invoice;
    const branding = await brandingOf(frozen.tenantId);
    const pdf = await renderInvoicePdf(frozen, {
      draft,
      ...(branding ? { branding } : {}),
      ...(draft ? {} : { now: new Date(frozen.issuedAt ?? frozen.updatedAt) }),
      ...(verifactuQrUrl ? { verifactu: { qrUrl: verifactuQrUrl } } : {}),
      ...(cfdi ? { cfdi } : {}),
    });
    return { pdf: Buffer.from(pdf).toString('base64') };
  },
);
