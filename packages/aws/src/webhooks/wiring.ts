import { ENV } from '@sello/contracts';
import {
  attemptWebhookDeliveries,
  type EventPublisher,
  LOCAL_URL_POLICY,
  PRODUCTION_URL_POLICY,
  type SecretBox,
  systemClock,
  ulidIds,
  type WebhookUrlPolicy,
  webhookPublisher,
} from '@sello/core';
import { kmsClient } from '../clients.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { repositories } from '../dynamo/repositories.ts';
import { KmsSecretBox } from '../kms/kms-secret-box.ts';
import { NodeWebhookTransport, resolveHostAddresses } from './http-transport.ts';

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
export const webhookHostResolver = resolveHostAddresses();

/**
 * The EventPublisher other areas publish through: enqueues a delivery per listening subscription
 * and attempts it at once, so ERPs hear within seconds; the scheduled `deliverWebhooks` retries.
 * Needs table read/write and `secrets:decrypt`.
 */
export function webhookEvents(): EventPublisher {
  const { webhookSubscriptions: subscriptions, webhookDeliveries: deliveries } = repositories();
  return webhookPublisher(
    { subscriptions, deliveries, clock: systemClock },
    {
      deliverNow: attemptWebhookDeliveries({
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
