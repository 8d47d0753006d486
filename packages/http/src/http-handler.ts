import { createHash } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { RouteDef } from '@sello/contracts';
import type { IdempotencyStore, StoredOutcome } from '@sello/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import { authenticate, type CredentialStores, type Principal } from './auth.ts';
import { readJsonBody } from './body.ts';
import { fingerprint, readIdempotencyKey, runIdempotent, sealedOutcomes } from './idempotency.ts';
import { logger } from './logger.ts';
import { toProblem } from './problem.ts';
import { parseWith } from './validate.ts';

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
  event: APIGatewayProxyEventV2;
}

export interface HttpResult {
  status: number;
  /** JSON-serialised unless `raw` is given. */
  body?: unknown;
  raw?: { contentType: string; bytes: Uint8Array };
  headers?: Record<string, string>;
  /** An explicit validator (e.g. the resource version); GETs without one get a content hash. */
  etag?: string;
}

export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
};

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const correlationIdOf = (event: APIGatewayProxyEventV2) => {
  const given = event.headers?.['x-correlation-id'];
  // Only echo values that are safe to log and to put back in a header.
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : event.requestContext.requestId;
};

function serialize(result: HttpResult): StoredOutcome {
  const headers: Record<string, string> = { ...result.headers };
  if (result.etag) headers.etag = result.etag;
  if (result.raw) {
    headers['content-type'] = result.raw.contentType;
    return {
      statusCode: result.status,
      headers,
      body: Buffer.from(result.raw.bytes).toString('base64'),
    };
  }
  if (result.body === undefined) return { statusCode: result.status, headers, body: '' };
  headers['content-type'] = 'application/json; charset=utf-8';
  return { statusCode: result.status, headers, body: JSON.stringify(result.body) };
}

/** Weak validator from the representation, for conditional GETs. */
const contentEtag = (body: string) =>
  `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;

const etagMatches = (header: string | undefined, etag: string) =>
  !!header &&
  header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag.replace(/^W\//, '');
  });

/** The stores the wrapper needs, resolved on first use (the wiring package provides them). */
export interface HttpDeps extends CredentialStores {
  idempotency: IdempotencyStore;
}

/**
 * Makes the one wrapper every HTTP function uses: correlation id and logging, authentication, body
 * and parameter validation with the route's zod schemas, `Idempotency-Key` on POSTs, conditional
 * GETs, and every error as RFC 9457 problem+json.
 */
export const createHttpHandler =
  (deps: () => HttpDeps) =>
  <const R extends RouteDef>(route: R, fn: (request: HttpRequest<R>) => Promise<HttpResult>) =>
    httpHandler(route, fn, deps);

function httpHandler<const R extends RouteDef>(
  route: R,
  fn: (request: HttpRequest<R>) => Promise<HttpResult>,
  deps: () => HttpDeps,
) {
  const waitMs = Math.max(1000, ((route.timeoutSeconds ?? 10) - 2) * 1000);

  const core = async (event: APIGatewayProxyEventV2, context: Context): Promise<HttpResponse> => {
    const headers = event.headers ?? {};
    const correlationId = correlationIdOf(event);
    logger.appendKeys({ correlationId, routeId: route.id });
    const instance = event.rawPath;
    const started = Date.now();
    let response: HttpResponse;
    try {
      const principal = await authenticate(route.auth, event, deps());
      const req = route.request;
      const parsedBody = req?.body ? readJsonBody(event) : undefined;
      const request = {
        params: req?.params
          ? parseWith(req.params, event.pathParameters ?? {}, 'params')
          : undefined,
        query: req?.query
          ? parseWith(req.query, event.queryStringParameters ?? {}, 'query')
          : undefined,
        body: req?.body ? parseWith(req.body, parsedBody?.value, '') : undefined,
        principal,
        headers,
        correlationId,
        event,
      } as HttpRequest<R>;

      const execute = async () => serialize(await fn(request));
      const idempotencyKey = route.method === 'POST' ? readIdempotencyKey(headers) : undefined;
      let outcome: StoredOutcome;
      if (idempotencyKey) {
        // The item key carries a hash of the client's key; the key itself seals the outcome.
        const owner =
          principal?.kind === 'recipient'
            ? `recipient:${principal.recipientId}`
            : (principal?.tenantId ?? 'public');
        const scope = `${owner}#${route.id}`;
        const run = await runIdempotent(
          sealedOutcomes(deps().idempotency, idempotencyKey, scope),
          {
            key: `${scope}#${fingerprint(idempotencyKey)}`,
            // Routes without a JSON body schema (XML uploads) fingerprint the raw body.
            fingerprint: fingerprint(
              event.rawPath,
              req?.body ? JSON.stringify(parsedBody?.value ?? null) : (event.body ?? ''),
            ),
            lockSeconds: (route.timeoutSeconds ?? 10) + 5,
            waitMs: Math.min(waitMs, context.getRemainingTimeInMillis() - 1000),
          },
          execute,
        );
        outcome = run.replayed
          ? { ...run.outcome, headers: { ...run.outcome.headers, 'idempotent-replayed': 'true' } }
          : run.outcome;
      } else {
        outcome = await execute();
      }

      response = {
        ...outcome,
        headers: { ...BASE_HEADERS, ...outcome.headers },
        ...(outcome.headers['content-type']?.startsWith('application/json') || !outcome.body
          ? {}
          : { isBase64Encoded: true }),
      };
      if (route.method === 'GET' && response.statusCode === 200) {
        const etag = response.headers.etag ?? contentEtag(response.body ?? '');
        response.headers.etag = etag;
        if (etagMatches(headers['if-none-match'], etag)) {
          response = { statusCode: 304, headers: { ...BASE_HEADERS, etag }, body: '' };
        }
      }
      logger.debug('request completed', { status: response.statusCode, ms: Date.now() - started });
    } catch (error) {
      const problem = toProblem(error, instance, correlationId);
      if (problem.status >= 500) logger.error('request failed', { error: error as Error });
      else logger.info('request refused', { status: problem.status, type: problem.body.type });
      response = {
        statusCode: problem.status,
        headers: {
          ...BASE_HEADERS,
          ...problem.headers,
          'content-type': 'application/problem+json; charset=utf-8',
        },
        body: JSON.stringify(problem.body),
      };
    }
    response.headers['x-correlation-id'] = correlationId;
    return response;
  };

  return middy<APIGatewayProxyEventV2, HttpResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(core);
}
