import { closeDueGlobals } from '@sello/app/global-invoices';
import { ScheduledEvent, triggered } from '@sello/contracts';
import { jobHandler, logger } from '@sello/http';

const sweep = closeDueGlobals();

export const handler = jobHandler(triggered.closeGlobalInvoices, ScheduledEvent, async () => {
  const outcomes = await sweep();
  // A tenant without a CSD or a PAC that is down is retried by tomorrow's run.
  for (const o of outcomes) {
    if (o.outcome === 'failed') {
      logger.warn('global invoice not closed', { tenantId: o.tenantId, error: o.error });
    }
  }
  const count = (k: string) => outcomes.filter((o) => o.outcome === k).length;
  logger.info('global invoices closed', {
    closed: count('closed'),
    empty: count('empty'),
    failed: count('failed'),
  });
  return { closed: count('closed'), empty: count('empty'), failed: count('failed') };
});
