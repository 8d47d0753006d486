/**
 * middy skips the whole rest of the stack, after phase included, when a `before` returns a
 * response (https://middy.js.org/docs/intro/early-interrupt): "tasks on every request … will have
 * to be handled before the return". So an outer middleware whose `after` must see every response
 * (headers, the correlation id, the logger's reset) registers it here from its `before`, and a
 * middleware answering early goes through `respondEarly`, which runs them innermost first, as the
 * after stack would. Only middlewares whose `before` ran are registered: the onion stays intact.
 * (Powertools does the same for its own middlewares with `cleanupMiddlewares`.)
 */

// biome-ignore lint/suspicious/noExplicitAny: each middleware registers its own typed `after`
export type Finisher = (request: any) => unknown;

interface EarlyCapable<R> {
  response: R | null;
  internal: { earlyFinishers?: Finisher[] };
}

/** Makes `after` run on an early response too (call it from the middleware's `before`). */
export function alsoOnEarlyResponse<Q extends EarlyCapable<unknown>>(
  request: Q,
  after: (request: Q) => unknown,
): void {
  request.internal.earlyFinishers ??= [];
  request.internal.earlyFinishers.push(after);
}

/** Answers with `response` from a `before`: return its result from that `before`. */
export async function respondEarly<Q extends EarlyCapable<unknown>>(
  request: Q,
  response: NonNullable<Q['response']>,
): Promise<NonNullable<Q['response']>> {
  request.response = response;
  for (const finish of [...(request.internal.earlyFinishers ?? [])].reverse()) {
    await finish(request);
  }
  return request.response as NonNullable<Q['response']>;
}
