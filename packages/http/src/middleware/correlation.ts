import type { RouteDef } from '@sello/contracts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { logger } from '../logger.ts';
import { alsoOnEarlyResponse } from './early-response.ts';
import type { HttpMiddleware, HttpRequestState } from './types.ts';

/** The caller's `x-correlation-id` when safe to log and to echo in a header, else the request id. */
export const correlationIdOf = (event: APIGatewayProxyEventV2) => {
  const given = event.headers?.['x-correlation-id'];
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : event.requestContext.requestId;
};

/**
 * Gives the request its correlation id (on the context, the handler's `correlationId`), adds it
 * and the route id to every log line of the request, logs its completion, and echoes the id in
 * the `x-correlation-id` header of every response, errors included.
 */
export const correlation = (route: RouteDef): HttpMiddleware => {
  const echo = (request: HttpRequestState) => {
    if (request.response)
      request.response.headers['x-correlation-id'] = request.context.correlationId;
  };
  const after = (request: HttpRequestState) => {
    logger.debug('request completed', {
      status: request.response?.statusCode,
      ms: Date.now() - (request.internal.startedAt ?? Date.now()),
    });
    echo(request);
  };
  return {
    before: (request) => {
      const correlationId = correlationIdOf(request.event);
      request.context.correlationId = correlationId;
      request.internal.startedAt = Date.now();
      logger.appendKeys({ correlationId, routeId: route.id });
      alsoOnEarlyResponse(request, after);
    },
    after,
    onError: echo,
  };
};
