import { NotFoundError, PreconditionFailedError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { DomainEventType } from '../ports/events.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { SecretBox } from '../ports/secrets.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import {
  type WebhookDelivery,
  type WebhookDeliveryRepository,
  type WebhookSubscription,
  type WebhookSubscriptionRepository,
  webhookSecretContext,
  webhookVersion,
} from './model.ts';
import { generateWebhookSecret } from './signature.ts';
import { checkWebhookUrl, type HostResolver, type WebhookUrlPolicy } from './url-guard.ts';

/** Enough for an ERP, its staging twin and a few integrations; keeps publishing to one read. */
export const MAX_WEBHOOKS_PER_TENANT = 20;

export interface CreateWebhookInput {
  url: string;
  events: DomainEventType[];
  description?: string;
}

export interface CreateWebhookDeps {
  subscriptions: Pick<WebhookSubscriptionRepository, 'create'>;
  secrets: Pick<SecretBox, 'seal'>;
  clock: Clock;
  ids: IdGenerator;
  urlPolicy: WebhookUrlPolicy;
  resolveHost: HostResolver;
  maxPerTenant?: number;
}

/**
 * Subscribes a URL to event types. The signing secret is returned here only: it is stored sealed
 * with the SecretBox (bound to tenant and subscription) and opened only to sign deliveries.
 */
export const createWebhook =
  (deps: CreateWebhookDeps) =>
  async (
    tenantId: string,
    input: CreateWebhookInput,
  ): Promise<{ subscription: WebhookSubscription; secret: string }> => {
    const url = await checkWebhookUrl(input.url, deps.urlPolicy, deps.resolveHost);
    const id = deps.ids.next('whk');
    const secret = generateWebhookSecret();
    const subscription: WebhookSubscription = {
      id,
      tenantId,
      url,
      events: [...new Set(input.events)],
      ...(input.description ? { description: input.description } : {}),
      secret: await deps.secrets.seal(secret, webhookSecretContext({ tenantId, id })),
      createdAt: deps.clock.now().toISOString(),
    };
    await deps.subscriptions.create(subscription, deps.maxPerTenant ?? MAX_WEBHOOKS_PER_TENANT);
    return { subscription, secret };
  };

type Subscriptions = { subscriptions: Pick<WebhookSubscriptionRepository, 'get'> };

export const getWebhook =
  ({ subscriptions }: Subscriptions) =>
  async (tenantId: string, id: string): Promise<WebhookSubscription> => {
    const subscription = await subscriptions.get(tenantId, id);
    if (!subscription) throw new NotFoundError('Webhook', id);
    return subscription;
  };

export const listWebhooks =
  ({ subscriptions }: { subscriptions: Pick<WebhookSubscriptionRepository, 'list'> }) =>
  (tenantId: string, page: PageRequest): Promise<Page<WebhookSubscription>> =>
    subscriptions.list(tenantId, page);

/**
 * Removes a subscription at once: nothing new is enqueued for it, and its pending deliveries are
 * cancelled when they next come due (the deliverer finds no subscription).
 */
export const deleteWebhook =
  ({ subscriptions }: { subscriptions: Pick<WebhookSubscriptionRepository, 'delete'> }) =>
  async (tenantId: string, id: string): Promise<void> => {
    if (!(await subscriptions.delete(tenantId, id))) throw new NotFoundError('Webhook', id);
  };

/** The delivery log of one subscription, newest first; 404 for another tenant's. */
export const listWebhookDeliveries =
  (deps: Subscriptions & { deliveries: Pick<WebhookDeliveryRepository, 'listOfSubscription'> }) =>
  async (tenantId: string, id: string, page: PageRequest): Promise<Page<WebhookDelivery>> => {
    await getWebhook(deps)(tenantId, id);
    return deps.deliveries.listOfSubscription(tenantId, id, page);
  };

export interface WebhookPatch {
  url?: string | undefined;
  events?: DomainEventType[] | undefined;
  /** `null` removes it. */
  description?: string | null | undefined;
}

export interface UpdateWebhookDeps {
  subscriptions: Pick<WebhookSubscriptionRepository, 'get' | 'update'>;
  clock: Clock;
  urlPolicy: WebhookUrlPolicy;
  resolveHost: HostResolver;
}

/**
 * Changes where a subscription posts and what it hears, checked as when it was made (the URL
 * guard). Deliveries still pending go to the new URL on their next attempt; the secret stays.
 * `expectedVersion` (from `If-Match`) guards against overwriting a change the caller has not seen.
 */
export const updateWebhook =
  (deps: UpdateWebhookDeps) =>
  (
    tenantId: string,
    id: string,
    patch: WebhookPatch,
    expectedVersion?: number,
  ): Promise<WebhookSubscription> =>
    changed(deps, tenantId, id, expectedVersion, async (current) => {
      const url =
        patch.url === undefined
          ? current.url
          : await checkWebhookUrl(patch.url, deps.urlPolicy, deps.resolveHost);
      const { description: _description, ...rest } = current;
      const description =
        patch.description === undefined ? current.description : (patch.description ?? undefined);
      return {
        ...rest,
        url,
        ...(patch.events ? { events: [...new Set(patch.events)] } : {}),
        ...(description ? { description } : {}),
      };
    });

/**
 * A new signing secret, shown once in the answer; the old one stops signing at once (deliveries
 * still pending are signed with the new one). For a secret that leaked, or a receiver rebuilt.
 */
export const rotateWebhookSecret =
  (deps: {
    subscriptions: Pick<WebhookSubscriptionRepository, 'get' | 'update'>;
    secrets: Pick<SecretBox, 'seal'>;
    clock: Clock;
  }) =>
  async (
    tenantId: string,
    id: string,
  ): Promise<{ subscription: WebhookSubscription; secret: string }> => {
    const secret = generateWebhookSecret();
    const subscription = await changed(deps, tenantId, id, undefined, async (current) => ({
      ...current,
      secret: await deps.secrets.seal(secret, webhookSecretContext(current)),
    }));
    return { subscription, secret };
  };

const WRITE_ATTEMPTS = 3;

/**
 * Stores `change(current)` one version on. Without `expectedVersion`, a change stored meanwhile by
 * someone else is a lost race, not the caller's mistake: read again and reapply, a few times.
 */
async function changed(
  deps: { subscriptions: Pick<WebhookSubscriptionRepository, 'get' | 'update'>; clock: Clock },
  tenantId: string,
  id: string,
  expectedVersion: number | undefined,
  change: (current: WebhookSubscription) => Promise<WebhookSubscription>,
): Promise<WebhookSubscription> {
  for (let attempt = 1; ; attempt++) {
    const current = await getWebhook(deps)(tenantId, id);
    const version = webhookVersion(current);
    if (expectedVersion !== undefined && expectedVersion !== version) {
      throw new PreconditionFailedError(
        `Webhook ${id} is at version ${version}, not ${expectedVersion}`,
      );
    }
    const next: WebhookSubscription = {
      ...(await change(current)),
      version: version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.subscriptions.update(next);
      return next;
    } catch (error) {
      const retry =
        error instanceof PreconditionFailedError &&
        expectedVersion === undefined &&
        attempt < WRITE_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}

/** The API shape of a subscription: never the secret, sealed or not. */
export const webhookView = (s: WebhookSubscription) => ({
  id: s.id,
  url: s.url,
  events: s.events,
  ...(s.description ? { description: s.description } : {}),
  createdAt: s.createdAt,
});

/** The API shape of a delivery: its state and every attempt, without the payload. */
export const webhookDeliveryView = (d: WebhookDelivery) => ({
  id: d.id,
  subscriptionId: d.subscriptionId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  ...(d.lastAttemptAt ? { lastAttemptAt: d.lastAttemptAt } : {}),
  ...(d.lastStatusCode !== undefined ? { lastStatusCode: d.lastStatusCode } : {}),
  ...(d.lastError ? { lastError: d.lastError } : {}),
  ...(d.status === 'pending' && d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt } : {}),
  ...(d.deliveredAt ? { deliveredAt: d.deliveredAt } : {}),
  history: d.history,
  createdAt: d.createdAt,
});
