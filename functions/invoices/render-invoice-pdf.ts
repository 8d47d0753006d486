import { RenderInvoicePdfEvent, triggered } from '@sello/contracts';
import type { Invoice } from '@sello/core';
import { renderInvoicePdf } from '@sello/pdf';
// Not from '@sello/http': its index also exports the HTTP wrapper, which imports @sello/aws and
// with it the AWS SDK (~340 KB this function never calls), and the workspace packages do not
// declare `sideEffects: false` for esbuild to drop it. This keeps the function at ~680 KB.
import { jobHandler } from '../../packages/http/src/job-handler.ts';

/** Draws the PDF of the invoice it is given; the caller stores it (see `invokedPdf`). */
export const handler = jobHandler(
  triggered.renderInvoicePdf,
  RenderInvoicePdfEvent,
  async ({ invoice, draft, verifactuQrUrl }) => {
    const pdf = await renderInvoicePdf(invoice as unknown as Invoice, {
      draft,
      ...(verifactuQrUrl ? { verifactu: { qrUrl: verifactuQrUrl } } : {}),
    });
    return { pdf: Buffer.from(pdf).toString('base64') };
  },
);
