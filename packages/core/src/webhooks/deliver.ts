import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { SecretBox } from '../ports/secrets.ts';
import { retryDelayMs } from './backoff.ts';
import {
  type WebhookDelivery,
  type WebhookDeliveryAttempt,
  type WebhookDeliveryRef,
  type WebhookDeliveryRepository,
  type WebhookSubscription,
  type WebhookSubscriptionRepository,
  type WebhookTransport,
  webhookSecretContext,
} from './model.ts';
import { inPool } from './pool.ts';
import { webhookSignatureHeader } from './signature.ts';

export interface WebhookDeliverDeps {
  deliveries: Pick<WebhookDeliveryRepository, 'due' | 'claim' | 'settle'>;
  subscriptions: Pick<WebhookSubscriptionRepository, 'get'>;
  secrets: Pick<SecretBox, 'open'>;
  transport: WebhookTransport;
  clock: Clock;
  /** Makes lease tokens. */
  ids: IdGenerator;
  /** In [0, 1), for the retry jitter; Math.random unless a test pins it. */
  random?: () => number;
  /** How long a receiver has to answer (default 5 s). */
  timeoutMs?: number;
  /** How long a claimed attempt is ours; well above the timeout (default 60 s). */
  leaseMs?: number;
  /** Attempts in flight at once (default 10). */
  concurrency?: number;
}

export type WebhookAttemptOutcome =
  | {
      ref: WebhookDeliveryRef;
      outcome: 'delivered' | 'retrying' | 'failed' | 'cancelled' | 'skipped';
    }
  | { ref: WebhookDeliveryRef; outcome: 'fault'; message: string };

export interface WebhookDeliverySummary {
  due: number;
  delivered: number;
  retrying: number;
  failed: number;
  cancelled: number;
  /** Not attempted: claimed by another run, no longer due, or out of time. */
  skipped: number;
  /** Storage errors; the delivery's lease runs out and a later run tries again. */
  faults: Array<{ id: string; message: string }>;
}

export const WEBHOOK_TIMEOUT_MS = 5_000;

/** A delivery without `nextAttemptAt`, for the states that have no next attempt. */
const settledWithout = ({ nextAttemptAt: _next, ...rest }: WebhookDelivery) => rest;

/**
 * The attempt machinery both entry points share. Subscriptions and opened secrets are cached for
 * one call only, so a run costs one read and one KMS call per subscription, and a deleted
 * subscription is noticed by the next run.
 */
function attempter(deps: WebhookDeliverDeps) {
  const { deliveries, clock } = deps;
  const random = deps.random ?? Math.random;
  const timeoutMs = deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const leaseMs = deps.leaseMs ?? 60_000;
  const subscriptionCache = new Map<string, Promise<WebhookSubscription | undefined>>();
  const secretCache = new Map<string, Promise<string>>();

  const subscriptionOf = (tenantId: string, id: string) => {
    const key = `${tenantId}/${id}`;
    let found = subscriptionCache.get(key);
    if (!found) {
      found = deps.subscriptions.get(tenantId, id);
      subscriptionCache.set(key, found);
    }
    return found;
  };
  const secretOf = (s: WebhookSubscription) => {
    const key = `${s.tenantId}/${s.id}`;
    let secret = secretCache.get(key);
    if (!secret) {
      secret = deps.secrets.open(s.secret, webhookSecretContext(s));
      // A failure (throttling) must not stick for the rest of the run.
      secret.catch(() => secretCache.delete(key));
      secretCache.set(key, secret);
    }
    return secret;
  };

  /** One POST and what it means for the delivery. */
  const post = async (claimed: WebhookDelivery, subscription: WebhookSubscription) => {
    const started = clock.now();
    let result: { statusCode?: number; error?: string; durationMs: number };
    try {
      const secret = await secretOf(subscription);
      const timestamp = Math.floor(started.getTime() / 1000);
      result = await deps.transport.post({
        url: subscription.url,
        body: claimed.body,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Sello-Webhooks/1',
          'Sello-Event': claimed.eventType,
          'Sello-Delivery': claimed.id,
          'Sello-Signature': webhookSignatureHeader(secret, timestamp, claimed.body),
        },
        timeoutMs,
      });
    } catch {
      // Our side failed (the secret would not open): an attempt like any other, so a broken
      // subscription cannot keep a delivery retrying for ever.
      result = { error: 'Sello could not sign the request', durationMs: 0 };
    }
    const finished = clock.now();
    const attempt = claimed.attempts + 1;
    const ok =
      result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300;
    const error = ok
      ? undefined
      : (result.error ?? `The receiver answered HTTP ${result.statusCode}`);
    const delay = ok ? undefined : retryDelayMs(attempt, random());
    const nextAttemptAt =
      delay === undefined ? undefined : new Date(finished.getTime() + delay).toISOString();
    const entry: WebhookDeliveryAttempt = {
      attempt,
      at: started.toISOString(),
      durationMs: result.durationMs,
      ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
      ...(error ? { error } : {}),
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
    };
    const base = {
      ...settledWithout(claimed),
      attempts: attempt,
      lastAttemptAt: entry.at,
      history: [...claimed.history, entry],
    };
    delete base.lastStatusCode;
    delete base.lastError;
    if (result.statusCode !== undefined) base.lastStatusCode = result.statusCode;
    if (error) base.lastError = error;
    if (ok) return { ...base, status: 'delivered' as const, deliveredAt: finished.toISOString() };
    if (nextAttemptAt) return { ...base, status: 'pending' as const, nextAttemptAt };
    return { ...base, status: 'failed' as const };
  };

  return async (ref: WebhookDeliveryRef): Promise<WebhookAttemptOutcome> => {
    try {
      const now = clock.now();
      const token = deps.ids.next('lease');
      const claimed = await deliveries.claim(ref, {
        token,
        now: now.toISOString(),
        until: new Date(now.getTime() + leaseMs).toISOString(),
      });
      if (!claimed) return { ref, outcome: 'skipped' };
      const subscription = await subscriptionOf(ref.tenantId, claimed.subscriptionId);
      const next: WebhookDelivery = subscription
        ? await post(claimed, subscription)
        : {
            ...settledWithout(claimed),
            status: 'cancelled',
            lastError: 'The subscription was deleted',
          };
      if (!(await deliveries.settle(next, token))) {
        return { ref, outcome: 'fault', message: 'The lease ran out before the outcome was saved' };
      }
      const outcome = next.status === 'pending' ? 'retrying' : next.status;
      return { ref, outcome };
    } catch (error) {
      return { ref, outcome: 'fault', message: (error as Error).message };
    }
  };
}

function summarise(due: number, outcomes: WebhookAttemptOutcome[]): WebhookDeliverySummary {
  const summary: WebhookDeliverySummary = {
    due,
    delivered: 0,
    retrying: 0,
    failed: 0,
    cancelled: 0,
    skipped: 0,
    faults: [],
  };
  for (const o of outcomes) {
    if (o.outcome === 'fault') summary.faults.push({ id: o.ref.id, message: o.message });
    else summary[o.outcome]++;
  }
  return summary;
}

/**
 * Attempts the given deliveries now, if they are due (a fresh delivery is): what a caller runs
 * right after publishing so receivers hear at once. Never throws for a receiver's failure; that
 * is recorded and retried by the scheduled run.
 */
export const attemptWebhookDeliveries =
  (deps: WebhookDeliverDeps) =>
  async (refs: readonly WebhookDeliveryRef[]): Promise<WebhookDeliverySummary> => {
    const attempt = attempter(deps);
    return summarise(refs.length, await inPool(refs, deps.concurrency ?? 10, attempt));
  };

/**
 * The scheduled sweep: every pending delivery due now, soonest first, up to `limit`. Runs may
 * overlap: each attempt is claimed with a lease first, so no attempt is made twice at once.
 * `shouldStop` is asked before each claim (the function's remaining time).
 */
export const deliverDueWebhooks =
  (deps: WebhookDeliverDeps) =>
  async (
    options: { limit?: number; shouldStop?: () => boolean } = {},
  ): Promise<WebhookDeliverySummary> => {
    const due = await deps.deliveries.due(deps.clock.now().toISOString(), options.limit ?? 500);
    const attempt = attempter(deps);
    const outcomes = await inPool(due, deps.concurrency ?? 10, (ref) =>
      options.shouldStop?.() ? Promise.resolve({ ref, outcome: 'skipped' as const }) : attempt(ref),
    );
    return summarise(due.length, outcomes);
  };
