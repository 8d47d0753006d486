import type middy from '@middy/core';
import type { AuthKind } from '@sello/contracts';
import type { IdempotencyStore } from '@sello/core/ports';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { Principal } from './auth/callers.ts';
import type { Finisher } from './early-response.ts';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
};

/**
 * What the middlewares learn about a request and the handler reads (middy's idiom: on the
 * context, since a handler gets only the event and the context).
 */
export interface HttpContext extends Context {
  correlationId: string;
  /** The caller, as the route's kind of authentication resolved it (none on public routes). */
  principal: Principal<AuthKind>;
  /** Path parameters, query and body, parsed with the route's schemas. */
  input: { params: unknown; query: unknown; body: unknown };
  /** The version `If-Match` names (-1 when malformed, so it matches none), if given. */
  expectedVersion: number | undefined;
}

/** What middlewares hand one another for the current request (never shared across requests). */
export type HttpInternal = {
  /** Set by `alsoOnEarlyResponse`; see early-response.ts. */
  earlyFinishers?: Finisher[];
  startedAt?: number;
  /** Whom the request acts for (its caller kind's `owner`), once authenticated. */
  owner?: string;
  /** The body as parsed JSON, before its schema ran (idempotency fingerprints it). */
  json?: { value: unknown };
  /** The claim this request holds, until its outcome is stored or the claim released. */
  idempotencyClaim?: { store: IdempotencyStore; key: string };
};

export type HttpRequestState = middy.Request<
  APIGatewayProxyEventV2,
  HttpResponse,
  Error,
  HttpContext,
  HttpInternal
>;

export type HttpMiddleware = middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  HttpResponse,
  Error,
  HttpContext,
  HttpInternal
>;
