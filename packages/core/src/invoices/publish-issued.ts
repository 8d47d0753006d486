import type { EventPublisher } from '../ports/events.ts';
import type { IssuedInvoicesSubscriber } from './after-issue.ts';
import { invoiceView } from './view.ts';

/**
 * The post-issue subscriber that tells the issuer's integrations: `invoice.issued` (numbered and
 * frozen) and `invoice.delivered` (in the buyer's inbox, which happens at the same moment, and
 * mailed when notifications are on — so it runs after the notifier). Event ids are derived from
 * the invoice, so a retried post-issue step publishes nothing twice.
 */
export const publishIssuedInvoices =
  (events: EventPublisher): IssuedInvoicesSubscriber =>
  async (invoices) => {
    await events.publish(
      invoices.flatMap((invoice) => {
        const occurredAt = invoice.issuedAt ?? invoice.updatedAt;
        const data = { invoice: invoiceView(invoice) };
        return [
          {
            id: `invoice.issued:${invoice.id}`,
            type: 'invoice.issued',
            tenantId: invoice.tenantId,
            occurredAt,
            data,
          },
          {
            id: `invoice.delivered:${invoice.id}`,
            type: 'invoice.delivered',
            tenantId: invoice.tenantId,
            occurredAt,
            data: {
              invoiceId: invoice.id,
              number: invoice.number,
              buyerTaxId: invoice.customer.taxId,
            },
          },
        ] as const;
      }),
    );
  };
