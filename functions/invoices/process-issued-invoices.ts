import { repositories } from '@sello/aws';
import { documentServices } from '@sello/aws/documents';
import { IssuedInvoicesEvent, triggered } from '@sello/contracts';
import { type IssuedInvoicesSubscriber, processIssuedInvoices, storeDocuments } from '@sello/core';
import { jobHandler, logger } from '@sello/http';

/**
 * What happens after invoices are numbered, in this order. Documents first, so later steps (mail,
 * webhooks) find them stored. Each step must be idempotent: a failed run is retried whole.
 */
const subscribers: IssuedInvoicesSubscriber[] = [storeDocuments(documentServices())];

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
