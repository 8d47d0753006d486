import type { DomainEventType } from '../ports/events.ts';
import type { SealedSecret } from '../ports/secrets.ts';
import type { Page, PageRequest } from '../shared/page.ts';

/** An ERP's endpoint and the event types it wants. */
export interface WebhookSubscription {
  id: string;
  tenantId: string;
  /** Checked by `checkWebhookUrl` when created; delivery checks the addresses again. */
  url: string;
  events: DomainEventType[];
  description?: string;
  /** The signing secret, sealed with the SecretBox under `webhookSecretContext`. */
  secret: SealedSecret;
  createdAt: string;
  /** Increases with every change; absent on subscriptions never changed (version 1). */
  version?: number;
  updatedAt?: string;
}

/** The subscription's version, for its ETag and optimistic locking. */
export const webhookVersion = (s: Pick<WebhookSubscription, 'version'>): number => s.version ?? 1;

/** What the secret is bound to: opening it under another tenant or subscription fails. */
export const webhookSecretContext = (s: Pick<WebhookSubscription, 'tenantId' | 'id'>) => ({
  tenantId: s.tenantId,
  purpose: 'webhook-signing',
  subscriptionId: s.id,
});

export type WebhookDeliveryStatus =
  | 'pending' // waiting for its first or next attempt
  | 'delivered' // the receiver answered 2xx
  | 'failed' // every attempt failed; no more tries
  | 'cancelled'; // the subscription was deleted before it was delivered

/** One POST to the receiver, as the delivery log shows it. */
export interface WebhookDeliveryAttempt {
  attempt: number;
  at: string;
  durationMs: number;
  /** The receiver's HTTP status, when it answered at all. */
  statusCode?: number;
  /** Why it did not count as delivered (timeout, refused address, non-2xx). */
  error?: string;
  /** When the next attempt is due, if there is one. */
  nextAttemptAt?: string;
}

/** One event on its way to one subscription. */
export interface WebhookDelivery {
  /** Derived from subscription and event (`webhookDeliveryId`), so an event is enqueued once. */
  id: string;
  tenantId: string;
  subscriptionId: string;
  eventId: string;
  eventType: DomainEventType;
  /** The exact JSON POSTed on every attempt (signed per attempt with a fresh timestamp). */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** While pending: when it is due (or, while an attempt runs, when its lease runs out). */
  nextAttemptAt?: string;
  lastAttemptAt?: string;
  lastStatusCode?: number;
  lastError?: string;
  deliveredAt?: string;
  history: WebhookDeliveryAttempt[];
  createdAt: string;
}

export interface WebhookDeliveryRef {
  tenantId: string;
  id: string;
}

/** A claim on one attempt: nobody else may attempt the delivery until `until`. */
export interface WebhookDeliveryLease {
  token: string;
  now: string;
  until: string;
}

export interface WebhookSubscriptionRepository {
  /** ConflictError when the tenant already has `limit` subscriptions. */
  create(subscription: WebhookSubscription, limit: number): Promise<void>;
  get(tenantId: string, id: string): Promise<WebhookSubscription | undefined>;
  /** Oldest first. */
  list(tenantId: string, page: PageRequest): Promise<Page<WebhookSubscription>>;
  /** Every subscription of the tenant (there are at most `limit`), for publishing. */
  all(tenantId: string): Promise<WebhookSubscription[]>;
  /** False when there was no such subscription. */
  delete(tenantId: string, id: string): Promise<boolean>;
  /**
   * Stores `next` while the stored subscription is at `next.version - 1` (one stored without a
   * version is at 1); a PreconditionFailedError otherwise, a NotFoundError when it is gone.
   */
  update(next: WebhookSubscription): Promise<void>;
}

export interface WebhookDeliveryRepository {
  /** Writes a new pending delivery; false (and nothing written) when its id exists already. */
  enqueue(delivery: WebhookDelivery): Promise<boolean>;
  get(tenantId: string, id: string): Promise<WebhookDelivery | undefined>;
  /** Newest first. */
  listOfSubscription(
    tenantId: string,
    subscriptionId: string,
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>>;
  /** Pending deliveries due at `now`, across tenants, soonest first. */
  due(now: string, limit: number): Promise<WebhookDeliveryRef[]>;
  /**
   * Takes the next attempt if the delivery is pending and due at `lease.now`, pushing its due
   * time to `lease.until` (so a crashed attempt is retried after the lease, never during it).
   * Undefined when it is not pending, not due, or another run claimed it first.
   */
  claim(ref: WebhookDeliveryRef, lease: WebhookDeliveryLease): Promise<WebhookDelivery | undefined>;
  /** Records the attempt's outcome; false when the lease was lost meanwhile (nothing written). */
  settle(delivery: WebhookDelivery, leaseToken: string): Promise<boolean>;
}

/** What the receiver did with one POST. */
export type WebhookTransportResult =
  | { statusCode: number; durationMs: number }
  | { error: string; durationMs: number };

/** POSTs a webhook to its receiver (node:https in packages/aws), within `timeoutMs`. */
export interface WebhookTransport {
  post(request: {
    url: string;
    body: string;
    headers: Record<string, string>;
    timeoutMs: number;
  }): Promise<WebhookTransportResult>;
}
