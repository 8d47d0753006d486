import { tenantPk } from './tenant.ts';

/**
 * Keys of the webhooks area (webhook subscriptions and deliveries). Part of the one key design in
 * ../keys.ts:
 *
 *   item             pk           sk                     gsi1pk / gsi1sk
 *   subscription     TENANT#<t>   WEBHOOK#<id>
 *   subscriptions #  TENANT#<t>   WEBHOOKS#COUNT         (how many a tenant has: the limit)
 *   delivery         TENANT#<t>   WHDELIVERY#<id>        TENANT#<t>#WEBHOOK#<sub>#DELIVERIES / <createdAt>#<id>
 *     (a pending delivery also carries gsi2: WEBHOOKDUE / <nextAttemptAt>#<id>; settled ones
 *      leave it, so the deliverer reads only what is due)
 *
 * Delivery ids are derived from (subscription, event), so the delivery's key is the guard that
 * enqueues an event once.
 */
export const webhooksKeys = {
  webhook: (tenantId: string, id: string) => ({ pk: tenantPk(tenantId), sk: `WEBHOOK#${id}` }),
  webhookPrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'WEBHOOK#' }),
  webhookCount: (tenantId: string) => ({ pk: tenantPk(tenantId), sk: 'WEBHOOKS#COUNT' }),
  webhookDelivery: (tenantId: string, id: string) => ({
    pk: tenantPk(tenantId),
    sk: `WHDELIVERY#${id}`,
  }),
  /** The delivery log of one subscription, by creation time. */
  webhookDeliveryOfSubscription: (
    tenantId: string,
    subscriptionId: string,
    createdAt: string,
    id: string,
  ) => ({
    gsi1pk: `${tenantPk(tenantId)}#WEBHOOK#${subscriptionId}#DELIVERIES`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  /**
   * Sparse: only pending deliveries are in it, ordered by when they are due (ISO instants sort as
   * text). One partition for all tenants; shard the pk if enqueues ever near its write limit.
   */
  webhookDue: (nextAttemptAt: string, id: string) => ({
    gsi2pk: 'WEBHOOKDUE',
    gsi2sk: `${nextAttemptAt}#${id}`,
  }),
} as const;
