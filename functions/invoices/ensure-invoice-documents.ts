import { ensureInvoiceDocuments } from '@sello/app/invoices';
import { InvoiceDocumentsEvent, triggered } from '@sello/contracts';
import { jobHandler, logger } from '@sello/http';

const { invoices, documents } = ensureInvoiceDocuments();

/**
 * For the functions that serve or send documents: the stored ones, made first where missing. An
 * id that is not an issued invoice of the tenant gets no documents (callers have read it first,
 * so this is a race with a deletion, or a mistake; the caller's adapter says which is missing).
 */
export const handler = jobHandler(
  triggered.ensureInvoiceDocuments,
  InvoiceDocumentsEvent,
  async ({ tenantId, invoiceId, formats }) => {
    const invoice = await invoices.get(tenantId, invoiceId);
    if (!invoice || invoice.status === 'draft') {
      logger.warn('not an issued invoice of the tenant; no documents', { tenantId, invoiceId });
      return { documents: {} };
    }
    const made = await documents.ensure(invoice, formats);
    return {
      documents: Object.fromEntries(
        formats.map((f) => [f, Buffer.from(made[f]!).toString('base64')]),
      ),
    };
  },
);
