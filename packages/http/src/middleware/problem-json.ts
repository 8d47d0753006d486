import { logger } from '../logger.ts';
import { toProblem } from '../problem.ts';
import { correlationIdOf } from './correlation.ts';
import type { HttpMiddleware } from './types.ts';

/**
 * Every error as RFC 9457 problem+json (`toProblem`): typed errors with their status and fields,
 * anything else a 500 that hides its message and quotes the correlation id. 5xx are logged as
 * errors, refusals (4xx) as info. Used last, so its `onError` runs first; it answers without
 * returning, so the other middlewares' `onError` (release a claim, headers, the correlation id)
 * still run on the problem.
 */
export const problemJson = (): HttpMiddleware => ({
  onError: (request) => {
    const { error, event } = request;
    // Only an error from the logger's own `before` comes before the correlation id is set.
    const correlationId = request.context.correlationId ?? correlationIdOf(event);
    const problem = toProblem(error, event.rawPath, correlationId);
    if (problem.status >= 500) logger.error('request failed', { error: error as Error });
    else logger.info('request refused', { status: problem.status, type: problem.body.type });
    request.response = {
      statusCode: problem.status,
      headers: { ...problem.headers, 'content-type': 'application/problem+json; charset=utf-8' },
      body: JSON.stringify(problem.body),
    };
  },
});
