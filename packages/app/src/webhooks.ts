import { KmsSecretBox, NodeWebhookTransport, resolveHostAddresses } from '@sello/aws';
import { ENV } from '@sello/contracts';
import { type EventPublisher, type SecretBox, systemClock, ulidIds } from '@sello/core/ports';
import * as core from '@sello/core/webhooks';
import {
  LOCAL_URL_POLICY,
  PRODUCTION_URL_POLICY,
  type WebhookUrlPolicy,
} from '@sello/core/webhooks';
import { kmsClient } from './clients.ts';
import { optionalEnv, requireEnv } from './config.ts';
import { repositories } from './repositories.ts';

/**
 * `true` lets webhooks go to http://localhost, 127.0.0.1 and [::1] and skips the public-address
 * check: the local platform and the tests set it; deployed stages never do (production mode).
 */
export const WEBHOOKS_ALLOW_LOCAL_ENV = ENV.webhooksAllowLocal;

/** Read on every call, so one process can switch modes (tests). */
export const webhookUrlPolicy = (): WebhookUrlPolicy =>
  optionalEnv(WEBHOOKS_ALLOW_LOCAL_ENV) === 'true' ? LOCAL_URL_POLICY : PRODUCTION_URL_POLICY;

let secretBox: SecretBox | undefined;

/** Seals and opens signing secrets with the platform's secrets key (`secrets:*` access). */
export const webhookSecretBox = (): SecretBox => {
  secretBox ??= new KmsSecretBox(kmsClient(), requireEnv(ENV.secretsKeyId));
  return secretBox;
};

export const webhookTransport = () => new NodeWebhookTransport(webhookUrlPolicy);
const webhookHostResolver = resolveHostAddresses();

const r = () => repositories();

/**
 * The EventPublisher other areas publish through: enqueues a delivery per listening subscription
 * and attempts it at once, so ERPs hear within seconds; the scheduled `deliverWebhooks` retries.
 * Needs table read/write and `secrets:decrypt`.
 */
export function webhookEvents(): EventPublisher {
  const { webhookSubscriptions: subscriptions, webhookDeliveries: deliveries } = r();
  return core.webhookPublisher(
    { subscriptions, deliveries, clock: systemClock },
    {
      deliverNow: core.attemptWebhookDeliveries({
        deliveries,
        subscriptions,
        secrets: webhookSecretBox(),
        transport: webhookTransport(),
        clock: systemClock,
        ids: ulidIds,
      }),
    },
  );
}

/** Subscribes; the URL policy is read per request (the environment decides the mode). */
export function createWebhook() {
  const deps = {
    subscriptions: r().webhookSubscriptions,
    secrets: webhookSecretBox(),
    clock: systemClock,
    ids: ulidIds,
    resolveHost: webhookHostResolver,
  };
  return (...args: Parameters<ReturnType<typeof core.createWebhook>>) =>
    core.createWebhook({ ...deps, urlPolicy: webhookUrlPolicy() })(...args);
}

/** Changes a subscription; its URL is checked under the policy of the moment, as on creation. */
export function updateWebhook() {
  const deps = {
    subscriptions: r().webhookSubscriptions,
    clock: systemClock,
    resolveHost: webhookHostResolver,
  };
  return (...args: Parameters<ReturnType<typeof core.updateWebhook>>) =>
    core.updateWebhook({ ...deps, urlPolicy: webhookUrlPolicy() })(...args);
}

/** A new signing secret, sealed like the first. */
export const rotateWebhookSecret = () =>
  core.rotateWebhookSecret({
    subscriptions: r().webhookSubscriptions,
    secrets: webhookSecretBox(),
    clock: systemClock,
  });

export const getWebhook = () => core.getWebhook({ subscriptions: r().webhookSubscriptions });

export const listWebhooks = () => core.listWebhooks({ subscriptions: r().webhookSubscriptions });

export const deleteWebhook = () => core.deleteWebhook({ subscriptions: r().webhookSubscriptions });

export const listWebhookDeliveries = () =>
  core.listWebhookDeliveries({
    subscriptions: r().webhookSubscriptions,
    deliveries: r().webhookDeliveries,
  });

/** The scheduled retry of due deliveries. */
export const deliverWebhooks = () =>
  core.deliverDueWebhooks({
    deliveries: r().webhookDeliveries,
    subscriptions: r().webhookSubscriptions,
    secrets: webhookSecretBox(),
    transport: webhookTransport(),
    // Leases are real time, whatever the scheduled time: a late run must not shorten them.
    clock: systemClock,
    ids: ulidIds,
  });
