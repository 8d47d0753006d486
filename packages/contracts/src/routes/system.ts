import { defineRoute, type RouteDef } from '../route.ts';
import { Health } from '../schemas/system.ts';

export const systemRoutes = {
  getHealth: defineRoute({
    id: 'getHealth',
    method: 'GET',
    path: '/v1/health',
    entry: 'functions/system/get-health.ts',
    auth: 'public',
    access: [],
    summary: 'Liveness of the API',
    tag: 'System',
    responses: { 200: { description: 'Alive', schema: Health } },
    memoryMb: 256,
  }),
  getOpenapi: defineRoute({
    id: 'getOpenapi',
    method: 'GET',
    path: '/v1/openapi.json',
    entry: 'functions/system/get-openapi.ts',
    auth: 'public',
    access: [],
    summary: 'OpenAPI 3.1 description of every route',
    tag: 'System',
    responses: { 200: { description: 'The OpenAPI document', mediaType: 'application/json' } },
    memoryMb: 256,
  }),
} as const satisfies Record<string, RouteDef>;
