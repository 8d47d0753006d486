import middy from '@middy/core';
import type { RouteDef } from '@sello/contracts';
import type { IdempotencyStore } from '@sello/core/ports';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { authentication } from './middleware/auth/authenticate.ts';
import type { CredentialStores } from './middleware/auth/caller.ts';
import { conditionalRequests } from './middleware/conditional.ts';
import { correlation } from './middleware/correlation.ts';
import { idempotency } from './middleware/idempotency.ts';
import { lambdaLogger } from './middleware/lambda-logger.ts';
import { parseRequest } from './middleware/parse-request.ts';
import { problemJson } from './middleware/problem-json.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import type { HttpContext, HttpInternal, HttpResponse } from './middleware/types.ts';
import type { HttpRequest, HttpResult } from './request.ts';
import { serialize, toResponse } from './result.ts';

export type { HttpResponse } from './middleware/types.ts';
export type { HttpRequest, HttpResult } from './request.ts';

/** What an HTTP function exports: a Lambda handler of API Gateway (payload 2.0) events. */
export type HttpFunction = middy.MiddyfiedHandler<
  APIGatewayProxyEventV2,
  HttpResponse,
  Error,
  Context
>;

/** The stores the wrapper needs, resolved on first use (the wiring package provides them). */
export interface HttpDeps extends CredentialStores {
  idempotency: IdempotencyStore;
}

/**
 * Makes the one wrapper every HTTP function uses: a middy stack with one middleware per concern
 * (see README.md), around a handler that takes the parsed request and returns an `HttpResult`.
 *
 * `before` runs in `.use()` order, `after` and `onError` in reverse. So the checks run as
 * listed (credentials, then the body, then the Idempotency-Key claim), and the response passes
 * the idempotency store, then the ETag, the security headers and the correlation id on its way
 * out. The problem+json handler is used last so that its `onError` runs first and every other
 * `onError` sees a response.
 */
export const createHttpHandler =
  (deps: () => HttpDeps) =>
  <const R extends RouteDef>(
    route: R,
    fn: (request: HttpRequest<R>) => Promise<HttpResult>,
  ): HttpFunction => {
    const stack = middy<APIGatewayProxyEventV2, HttpResponse, Error, HttpContext, HttpInternal>()
      .use(lambdaLogger())
      .use(correlation(route))
      .use(securityHeaders())
      .use(conditionalRequests(route))
      .use(authentication(route, deps))
      .use(parseRequest(route))
      .use(idempotency(route, () => deps().idempotency))
      .use(problemJson())
      .handler(async (event, context) => {
        const { input, principal, correlationId, expectedVersion } = context;
        const request = {
          ...input,
          principal,
          headers: event.headers ?? {},
          correlationId,
          expectedVersion,
          event,
        } as HttpRequest<R>;
        const result = await fn(request);
        const response = toResponse(serialize(result));
        return result.cookies?.length ? { ...response, cookies: result.cookies } : response;
      });
    // Lambda passes a plain context; the middlewares fill in HttpContext before the handler runs.
    return stack as unknown as HttpFunction;
  };
