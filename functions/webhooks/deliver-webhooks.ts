import { repositories, webhookSecretBox, webhookTransport } from '@sello/aws';
import { ScheduledEvent, triggered } from '@sello/contracts';
import { deliverDueWebhooks, systemClock, ulidIds, WEBHOOK_TIMEOUT_MS } from '@sello/core';
import { jobHandler, logger } from '@sello/http';

const sweep = deliverDueWebhooks({
  deliveries: repositories().webhookDeliveries,
  subscriptions: repositories().webhookSubscriptions,
  secrets: webhookSecretBox(),
  transport: webhookTransport(),
  // Leases are real time, whatever the scheduled time: a late run must not shorten them.
  clock: systemClock,
  ids: ulidIds,
});

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
