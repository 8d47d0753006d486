import { processIssuedInvoices } from '@sello/app/invoices';
import { IssuedInvoicesEvent, triggered } from '@sello/contracts';
import { jobHandler, logger } from '@sello/http';

const processIssued = processIssuedInvoices();

export const handler = jobHandler(
  triggered.processIssuedInvoices,
  IssuedInvoicesEvent,
  async ({ tenantId, invoiceIds, thenSendTo }) => {
    const result = await processIssued(tenantId, invoiceIds, thenSendTo);
    if (result.skipped.length) {
      logger.warn('not issued invoices of the tenant; nothing to do for them', {
        tenantId,
        skipped: result.skipped,
      });
    }
    return result;
  },
);
