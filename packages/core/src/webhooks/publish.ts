import { createHash } from 'node:crypto';
import type { Clock } from '../ports/clock.ts';
import type { DomainEvent, EventPublisher } from '../ports/events.ts';
import type {
  WebhookDelivery,
  WebhookDeliveryRef,
  WebhookDeliveryRepository,
  WebhookSubscriptionRepository,
} from './model.ts';
import { inPool } from './pool.ts';

/**
 * The delivery of one event to one subscription has one id, whoever computes it and however often:
 * publishing the same event twice hits the same item, and the conditional put keeps the first.
 */
export const webhookDeliveryId = (subscriptionId: string, eventId: string): string =>
  `whd_${createHash('sha256').update(`${subscriptionId}\n${eventId}`, 'utf8').digest('hex').slice(0, 32)}`;

/** The JSON every receiver gets; stored once so every attempt sends the same bytes. */
export const webhookBody = (event: DomainEvent): string =>
  JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    tenantId: event.tenantId,
    data: event.data,
  });

export interface WebhookPublishDeps {
  subscriptions: Pick<WebhookSubscriptionRepository, 'all'>;
  deliveries: Pick<WebhookDeliveryRepository, 'enqueue'>;
  clock: Clock;
}

/**
 * Writes one pending delivery per (subscription listening to the event's type, event) and returns
 * those that are new: an event published again enqueues nothing.
 */
export const enqueueWebhookDeliveries =
  ({ subscriptions, deliveries, clock }: WebhookPublishDeps) =>
  async (events: readonly DomainEvent[]): Promise<WebhookDeliveryRef[]> => {
    const byTenant = new Map<string, DomainEvent[]>();
    for (const e of events) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
    const now = clock.now().toISOString();
    const pending: WebhookDelivery[] = [];
    for (const [tenantId, tenantEvents] of byTenant) {
      const listening = await subscriptions.all(tenantId);
      for (const event of tenantEvents) {
        for (const subscription of listening) {
          if (!subscription.events.includes(event.type)) continue;
          pending.push({
            id: webhookDeliveryId(subscription.id, event.id),
            tenantId,
            subscriptionId: subscription.id,
            eventId: event.id,
            eventType: event.type,
            body: webhookBody(event),
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            history: [],
            createdAt: now,
          });
        }
      }
    }
    const written = await inPool(pending, 8, (d) => deliveries.enqueue(d));
    return pending.filter((_, i) => written[i]).map((d) => ({ tenantId: d.tenantId, id: d.id }));
  };

/**
 * The EventPublisher for webhooks: enqueues deliveries, which `deliverDueWebhooks` sends within a
 * minute. Give `deliverNow` (e.g. `attemptWebhookDeliveries(deps)`) to send the first attempt
 * right away as well; it records failures in the delivery log instead of throwing, and whatever
 * it cannot finish the scheduled run picks up.
 */
export function webhookPublisher(
  deps: WebhookPublishDeps,
  options: { deliverNow?: (refs: WebhookDeliveryRef[]) => Promise<unknown> } = {},
): EventPublisher {
  const enqueue = enqueueWebhookDeliveries(deps);
  return {
    async publish(events) {
      const enqueued = await enqueue(events);
      if (options.deliverNow && enqueued.length > 0) await options.deliverNow(enqueued);
    },
  };
}
