import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CORS, fallbackRoute, type RouteDef } from '@sello/contracts';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { lambdaContext, toApiGatewayEvent } from './apigw.ts';
import { loadHandler } from './handlers.ts';
import { portalFiles } from './portal.ts';

interface CompiledRoute {
  route: RouteDef;
  regex: RegExp;
  names: string[];
  /** Literal segments first, like API Gateway's most-specific-match rule. */
  specificity: number;
}

function compile(route: RouteDef): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return {
    route,
    regex: new RegExp(`^${pattern}$`),
    names,
    specificity: route.path.split('/').filter((s) => !s.startsWith('{')).length,
  };
}

export interface ApiServerOptions {
  routes: readonly RouteDef[];
  /** Origins allowed for CORS; `*` allows any. */
  corsOrigins: readonly string[];
  /** Extra handlers for non-API paths (static pages); return true when handled. */
  extra?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /**
   * The built portal to serve at `/` (its `dist` folder): GET and HEAD outside `/v1` get its
   * files, or its index.html for the paths it routes in the browser, as CloudFront does in AWS.
   */
  portalDir?: string;
}

/** What API Gateway gets; everything else is the portal's. */
const isApiPath = (path: string) => path === '/v1' || path.startsWith('/v1/');

const readBody = (req: IncomingMessage, limit: number) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('too large'), { tooLarge: true }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * The local API Gateway: matches the route table, builds payload-2.0 events, invokes the same
 * Lambda handlers and maps their results back, including CORS and the `$default` fallback.
 */
export function createApiServer(options: ApiServerOptions): Server {
  const compiled = options.routes.map(compile).sort((a, b) => b.specificity - a.specificity);
  const allowOrigin = (origin: string | undefined) =>
    origin && (options.corsOrigins.includes('*') || options.corsOrigins.includes(origin))
      ? origin
      : undefined;

  const portal = options.portalDir ? portalFiles(options.portalDir) : undefined;

  return createServer(async (req, res) => {
    try {
      const origin = allowOrigin(req.headers.origin);
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.writeHead(204, {
          ...(origin
            ? {
                'access-control-allow-origin': origin,
                'access-control-allow-methods': CORS.allowMethods.join(','),
                'access-control-allow-headers': CORS.allowHeaders.join(','),
                'access-control-max-age': String(CORS.maxAgeSeconds),
                vary: 'origin',
              }
            : {}),
        });
        res.end();
        return;
      }
      if (options.extra && (await options.extra(req, res))) return;

      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (portal && !isApiPath(path) && portal(req, res)) return;
      let match: { route: RouteDef | undefined; params: Record<string, string> } = {
        route: undefined,
        params: {},
      };
      for (const c of compiled) {
        if (c.route.method !== req.method) continue;
        const m = c.regex.exec(path);
        if (!m) continue;
        match = {
          route: c.route,
          params: Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])),
        };
        break;
      }

      let body: Buffer;
      try {
        body = await readBody(req, 10 * 1024 * 1024);
      } catch {
        // API Gateway's own answer to an oversized payload.
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end('{"message":"Request Entity Too Large"}');
        return;
      }
      const routeKey = match.route ? `${match.route.method} ${match.route.path}` : '$default';
      const event = toApiGatewayEvent(req, body, { routeKey, pathParameters: match.params });
      const entry = match.route?.entry ?? fallbackRoute.entry;
      const handler = await loadHandler(entry);
      const result = (await handler(
        event,
        lambdaContext(match.route?.id ?? fallbackRoute.id, match.route?.timeoutSeconds ?? 10),
      )) as APIGatewayProxyStructuredResultV2 | string | undefined;

      const structured =
        typeof result === 'object' && result !== null && 'statusCode' in result
          ? result
          : {
              statusCode: 200,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(result),
            };
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(structured.headers ?? {})) headers[k] = String(v);
      if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
      if (origin) {
        headers['access-control-allow-origin'] = origin;
        headers['access-control-expose-headers'] = CORS.exposeHeaders.join(',');
        headers.vary = 'origin';
      }
      const payload = structured.body
        ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8')
        : Buffer.alloc(0);
      res.writeHead(structured.statusCode ?? 200, headers);
      res.end(payload);
    } catch (error) {
      // What API Gateway answers when the integration itself fails.
      console.error('[api] handler crashed:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"Internal Server Error"}');
    }
  });
}
