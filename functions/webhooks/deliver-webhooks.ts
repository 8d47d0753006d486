import { deliverWebhooks } from '@sello/app/webhooks';
import { ScheduledEvent, triggered } from '@sello/contracts';
import { WEBHOOK_TIMEOUT_MS } from '@sello/core/webhooks';
import { jobHandler, logger } from '@sello/http';

const sweep = deliverWebhooks();

/** Room left to claim one more attempt: its timeout, signing and saving the outcome. */
const MARGIN_MS = WEBHOOK_TIMEOUT_MS + 10_000;

export const handler = jobHandler(
  triggered.deliverWebhooks,
  ScheduledEvent,
  async ({ scheduledTime }, context) => {
    const summary = await sweep({
      shouldStop: () => context.getRemainingTimeInMillis() < MARGIN_MS,
    });
    for (const fault of summary.faults) logger.warn('webhook delivery fault', fault);
    const { faults, ...counts } = summary;
    logger.info('webhooks delivered', { scheduledTime, ...counts, faults: faults.length });
    return summary;
  },
);
