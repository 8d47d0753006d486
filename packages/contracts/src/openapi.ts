import * as z from 'zod';
import { type AuthKind, type RouteDef, rolesOf } from './route.ts';

/** The credentials each kind of caller may present, as alternatives of an OpenAPI security list. */
const SECURITY: Record<AuthKind, string[]> = {
  tenant: ['apiKey', 'staffToken'],
  staff: ['staffToken'],
  session: ['session'],
  inbox: ['apiKey', 'staffToken', 'session'],
  public: [],
};

type JsonSchema = Record<string, unknown>;
const ref = (id: string) => `#/components/schemas/${id}`;
const pascal = (id: string) => id[0]!.toUpperCase() + id.slice(1);

/**
 * OpenAPI 3.1 from the route table. Named schemas (`.meta({ id })`) become components; every other
 * request or response schema gets a component named after its route, so the document has one
 * definition per shape and `$ref`s everywhere else.
 */
export function buildOpenApi(
  routes: readonly RouteDef[],
  info: { version: string; serverUrl?: string },
): JsonSchema {
  const registry = z.registry<{ id: string }>();
  // biome-ignore lint/suspicious/noExplicitAny: zod keeps its id map internal
  for (const [id, schema] of (z.globalRegistry as any)._idmap as Map<string, z.ZodType>) {
    registry.add(schema, { id });
  }
  const idOf = (schema: z.ZodType, fallback: string) => {
    const known = registry.get(schema)?.id;
    if (known) return known;
    registry.add(schema, { id: fallback });
    return fallback;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  const parameterSets: Array<{
    target: Record<string, unknown>;
    schema: z.ZodType;
    where: string;
  }> = [];

  for (const route of routes) {
    const schemes = SECURITY[route.auth];
    const staffRoles = schemes.includes('staffToken') ? rolesOf(route) : undefined;
    const operation: Record<string, unknown> = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      // Each credential the route takes is one alternative of the security list.
      security: schemes.map((scheme) => ({ [scheme]: [] })),
      ...(staffRoles
        ? {
            description: `Staff roles: ${staffRoles.join(', ')}.${schemes.includes('apiKey') ? ' API keys act for the whole tenant.' : ''}`,
            'x-sello-roles': staffRoles,
          }
        : {}),
    };
    if (route.request?.params)
      parameterSets.push({ target: operation, schema: route.request.params, where: 'path' });
    if (route.request?.query)
      parameterSets.push({ target: operation, schema: route.request.query, where: 'query' });
    if (route.request?.body) {
      operation.requestBody = {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: ref(idOf(route.request.body, `${pascal(route.id)}Request`)) },
          },
        },
      };
    }
    const raw = route.request?.rawBody;
    if (raw) {
      const schemaFor = (media: string) =>
        media === 'application/json' && raw.json
          ? { $ref: ref(idOf(raw.json, `${pascal(route.id)}Request`)) }
          : {
              type: 'string',
              ...(media === 'application/octet-stream' || media.startsWith('image/')
                ? { format: 'binary' }
                : {}),
            };
      operation.requestBody = {
        required: true,
        description: raw.description,
        content: Object.fromEntries(raw.mediaTypes.map((m) => [m, { schema: schemaFor(m) }])),
      };
    }
    if (route.method === 'POST') {
      operation.parameters = [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Replays of the same key and body return the first response and run once',
          schema: { type: 'string', maxLength: 255 },
        },
      ];
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const isProblem = Number(status) >= 400;
      const media =
        response.mediaType ?? (isProblem ? 'application/problem+json' : 'application/json');
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? {
              content: {
                [media]: {
                  schema: { $ref: ref(idOf(response.schema, `${pascal(route.id)}${status}`)) },
                },
              },
            }
          : response.mediaType
            ? { content: { [media]: {} } }
            : {}),
      };
    }
    if (route.auth !== 'public') {
      responses['401'] ??= {
        description: 'Missing or invalid credentials',
        content: { 'application/problem+json': { schema: { $ref: ref('Problem') } } },
      };
    }
    if (staffRoles) {
      responses['403'] ??= {
        description: `A staff member whose role is not one of: ${staffRoles.join(', ')}`,
        content: { 'application/problem+json': { schema: { $ref: ref('Problem') } } },
      };
    }
    if (route.request) {
      responses['400'] ??= {
        description: 'Invalid input; `errors` names each field',
        content: { 'application/problem+json': { schema: { $ref: ref('Problem') } } },
      };
    }
    operation.responses = responses;
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation;
  }

  // Parameters are listed property by property, as OpenAPI wants them.
  for (const { target, schema, where } of parameterSets) {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    }) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    const list = (target.parameters as unknown[] | undefined) ?? [];
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
    target.parameters = list;
  }

  const components = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    uri: ref,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(components.schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Sello API',
      version: info.version,
      description:
        'E-invoicing for Spain, the EU and Mexico. Amounts are decimal strings; errors are RFC 9457 problem+json.',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            "A tenant's API key (`sello_…`); never accepted where a recipient is expected",
        },
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A staff member's access token (`user.kind` staff) from POST /v1/auth/sign-in or /v1/auth/refresh; what " +
            "it may do depends on the member's role (`x-sello-roles` on each operation)",
        },
        session: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A registered recipient's access token (`user.kind` recipient) from POST " +
            '/v1/auth/sign-in, /v1/auth/refresh or /v1/recipients/register; opens only its ' +
            "inbox and /v1/recipients/me (a tenant's routes answer 403)",
        },
      },
    },
  };
}
