import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RouteDef } from '@sello/contracts';
import { IdempotencyInProgressError, IdempotencyMismatchError } from '@sello/core/errors';
import type { IdempotencyState, IdempotencyStore } from '@sello/core/ports';
import { logger } from '../logger.ts';
import { HttpError } from '../problem.ts';
import { toResponse } from '../result.ts';
import { respondEarly } from './early-response.ts';
import { sealedOutcomes } from './sealed-outcomes.ts';
import type { HttpMiddleware, HttpRequestState } from './types.ts';

/** How long a completed outcome is replayed (the common 24 h of payment APIs). */
const KEEP_SECONDS = 24 * 3600;
const POLL_MS = 50;

export function readIdempotencyKey(headers: Record<string, string | undefined>) {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new HttpError(
      'validation-error',
      'Idempotency-Key must be 1–255 visible ASCII characters',
      [{ path: 'Idempotency-Key', message: 'Invalid header value' }],
    );
  }
  return key;
}

export const fingerprint = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('base64url');

/**
 * `Idempotency-Key` on POST routes: the handler runs once per key, caller and route. `before`
 * claims the key, or waits for a concurrent twin holding it and answers early with the first
 * outcome (`idempotent-replayed: true`); `after` stores the outcome (sealed under the client's
 * key), `onError` lets go of the claim so a retry runs again. Outcomes of 5xx are not kept either.
 * A key reused with another request is 422, one whose first request is still running past the
 * wait is 409. Runs after authentication (keys are scoped per caller) and body parsing (the
 * fingerprint covers the parsed body), so a refused request never claims a key.
 */
export const idempotency = (route: RouteDef, stores: () => IdempotencyStore): HttpMiddleware => {
  const maxWaitMs = Math.max(1000, ((route.timeoutSeconds ?? 10) - 2) * 1000);
  const lockSeconds = (route.timeoutSeconds ?? 10) + 5;

  const before = async (request: HttpRequestState) => {
    const { event, context } = request;
    const idempotencyKey =
      route.method === 'POST' ? readIdempotencyKey(event.headers ?? {}) : undefined;
    if (!idempotencyKey) return;
    // The item key carries a hash of the client's key; the key itself seals the outcome.
    const scope = `${request.internal.owner ?? 'public'}#${route.id}`;
    const store = sealedOutcomes(stores(), idempotencyKey, scope);
    const key = `${scope}#${fingerprint(idempotencyKey)}`;
    // Routes without a JSON body schema (XML uploads) fingerprint the raw body.
    const print = fingerprint(
      event.rawPath,
      route.request?.body
        ? JSON.stringify(request.internal.json?.value ?? null)
        : (event.body ?? ''),
    );
    const deadline = Date.now() + Math.min(maxWaitMs, context.getRemainingTimeInMillis() - 1000);

    for (;;) {
      const claim = await store.claim(key, print, lockSeconds);
      if (claim.state === 'claimed') {
        request.internal.idempotencyClaim = { store, key };
        return;
      }
      let state: IdempotencyState = claim;
      while (state.state === 'in-progress' && Date.now() < deadline) {
        await sleep(POLL_MS);
        state = await store.peek(key, print);
      }
      if (state.state === 'completed') {
        const { outcome } = state;
        return respondEarly(
          request,
          toResponse({
            ...outcome,
            headers: { ...outcome.headers, 'idempotent-replayed': 'true' },
          }),
        );
      }
      if (state.state === 'mismatch') {
        throw new IdempotencyMismatchError(
          'This Idempotency-Key was used with a different request; use a new key for a new request',
        );
      }
      // The first attempt failed and let go: try to run it ourselves.
      if (state.state === 'absent' && Date.now() < deadline) continue;
      throw new IdempotencyInProgressError(
        'The first request with this key is still running; retry shortly',
      );
    }
  };

  const after = async (request: HttpRequestState) => {
    const claim = request.internal.idempotencyClaim;
    if (!claim) return;
    // Settled either way: should storing fail, the claim stays until its lock expires.
    request.internal.idempotencyClaim = undefined;
    const { statusCode, headers, body = '', cookies } = request.response!;
    // Cookies carry credentials of this one exchange (a sign-in's refresh token): not kept.
    if (statusCode < 500 && !cookies?.length) {
      await claim.store.complete(
        claim.key,
        { statusCode, headers: { ...headers }, body },
        KEEP_SECONDS,
      );
    } else {
      await claim.store.release(claim.key);
    }
  };

  const onError = async (request: HttpRequestState) => {
    const claim = request.internal.idempotencyClaim;
    if (!claim) return;
    request.internal.idempotencyClaim = undefined;
    try {
      await claim.store.release(claim.key);
    } catch (error) {
      // The request's own error is the answer; the claim lapses when its lock expires.
      logger.error('idempotency claim not released', { error: error as Error });
    }
  };

  return { before, after, onError };
};
