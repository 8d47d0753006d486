import type { RouteDef } from '@sello/contracts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import type { Principal } from './middleware/auth/callers.ts';

/** What a handler receives and returns; the stack in http-handler.ts builds and serialises them. */

type SchemaOf<R extends RouteDef, K extends 'params' | 'query' | 'body'> = R extends {
  request: { [P in K]: infer S };
}
  ? S extends z.ZodType
    ? z.output<S>
    : undefined
  : undefined;

export interface HttpRequest<R extends RouteDef> {
  params: SchemaOf<R, 'params'>;
  query: SchemaOf<R, 'query'>;
  body: SchemaOf<R, 'body'>;
  principal: Principal<R['auth']>;
  headers: Record<string, string | undefined>;
  correlationId: string;
  /** The version `If-Match` names, as `ifMatchVersion(headers['if-match'])`. */
  expectedVersion: number | undefined;
  event: APIGatewayProxyEventV2;
}

export interface HttpResult {
  status: number;
  /** JSON-serialised unless `raw` is given. */
  body?: unknown;
  raw?: { contentType: string; bytes: Uint8Array };
  headers?: Record<string, string>;
  /**
   * `Set-Cookie` values (API Gateway's `cookies`). A response that sets cookies carries
   * credentials of that one exchange: it is never kept for an Idempotency-Key replay.
   */
  cookies?: string[];
  /** An explicit validator (e.g. the resource version); GETs without one get a content hash. */
  etag?: string;
}
