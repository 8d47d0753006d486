import { invoicePolicyDeposits } from '@sello/app/invoicing-policies';
import { InvoicePolicyDepositsEvent, triggered } from '@sello/contracts';
import { jobHandler, logger } from '@sello/http';

const invoice = invoicePolicyDeposits();

export const handler = jobHandler(
  triggered.invoicePolicyDeposits,
  InvoicePolicyDepositsEvent,
  async (event) => {
    const outcome = await invoice(event);
    if (outcome.failures.length) {
      logger.warn('deposits not invoiced', {
        tenantId: event.tenantId,
        failures: outcome.failures,
      });
    }
    return {
      created: outcome.created.length,
      skipped: outcome.skipped,
      failed: outcome.failures.length,
    };
  },
);
