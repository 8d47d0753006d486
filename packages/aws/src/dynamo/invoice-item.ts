import type { Invoice } from '@sello/core/invoices';
import { keys } from './keys.ts';
import { fromItem } from './toolkit/index.ts';

/**
 * An invoice as stored: its key, its place in the tenant's list and, once issued, in its buyer's
 * inbox. Issued here or imported, an invoice is one item of this layout.
 */
export function invoiceItem(invoice: Invoice) {
  return {
    ...keys.invoice(invoice.tenantId, invoice.id),
    ...keys.invoiceByDate(
      invoice.tenantId,
      invoice.id,
      invoice.status === 'draft' ? undefined : invoice.issueDate,
    ),
    ...(invoice.status === 'draft'
      ? {}
      : keys.invoiceInInbox(
          invoice.customer.taxId,
          invoice.issueDate,
          invoice.tenantId,
          invoice.id,
        )),
    type: 'invoice',
    ...invoice,
  };
}

export const toInvoice = (item: Record<string, unknown>) => fromItem<Invoice>(item);
