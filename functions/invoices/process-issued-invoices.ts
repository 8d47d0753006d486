import { recipientNotifier, repositories, textMailer, webhookEvents } from '@sello/aws';
import { documentServices } from '@sello/aws/documents';
import { IssuedInvoicesEvent, triggered } from '@sello/contracts';
import {
  type IssuedInvoicesSubscriber,
  processIssuedInvoices,
  publishIssuedInvoices,
  storeDocuments,
} from '@sello/core';
import { jobHandler, logger } from '@sello/http';

/**
 * What happens after invoices are numbered, in this order: documents first, so the buyer's mail
 * and the ERPs' webhooks find them stored; then the buyer's notification; then the webhooks.
 * Each step is idempotent: a failed run is retried whole.
 */
const subscribers: IssuedInvoicesSubscriber[] = [
  storeDocuments(documentServices()),
  recipientNotifier(textMailer()),
  publishIssuedInvoices(webhookEvents()),
];

const processIssued = processIssuedInvoices({ invoices: repositories().invoices, subscribers });

export const handler = jobHandler(
  triggered.processIssuedInvoices,
  IssuedInvoicesEvent,
  async ({ tenantId, invoiceIds }) => {
    const result = await processIssued(tenantId, invoiceIds);
    if (result.skipped.length) {
      logger.warn('not issued invoices of the tenant; nothing to do for them', {
        tenantId,
        skipped: result.skipped,
      });
    }
    return result;
  },
);
