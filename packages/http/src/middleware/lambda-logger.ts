import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '../logger.ts';
import { alsoOnEarlyResponse, type Finisher } from './early-response.ts';

type AnyRequest = middy.Request<unknown, unknown, Error, Context, { earlyFinishers?: Finisher[] }>;

/**
 * Powertools' Lambda context on every log line (function, request id, cold start), and the keys
 * a request appended dropped when it ends, early responses included. First in every stack, HTTP
 * and triggered alike, so every other middleware logs with the context.
 */
export function lambdaLogger(): middy.MiddlewareObj<
  unknown,
  unknown,
  Error,
  Context,
  { earlyFinishers?: Finisher[] }
> {
  const powertools = injectLambdaContext(logger, { resetKeys: true });
  return {
    before: async (request: AnyRequest) => {
      await powertools.before!(request);
      alsoOnEarlyResponse(request, powertools.after!);
    },
    after: powertools.after!,
    onError: powertools.onError!,
  };
}
