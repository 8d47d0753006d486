import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from './route.ts';
import { IdParams, PageQuery, Problem, pageOf } from './schemas/common.ts';
import { Customer, CustomerInput, CustomerListQuery, CustomerPatch } from './schemas/customers.ts';
import { Health } from './schemas/system.ts';
import { ApiKey, ApiKeyInput, CreatedApiKey, Tenant } from './schemas/tenants.ts';

/**
 * THE route table: plain data read by the CDK stack (one function and one route per entry, grants
 * from `access`), by the local server (same handlers), by the OpenAPI generator and by the tests.
 */
const problem = (description: string) => ({ description, schema: Problem });
const read = ['table:read'] as const;
const readWrite = ['table:read', 'table:write'] as const;

export const routes = {
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
  getTenant: defineRoute({
    id: 'getTenant',
    method: 'GET',
    path: '/v1/tenant',
    entry: 'functions/tenants/get-tenant.ts',
    auth: 'apiKey',
    access: read,
    summary: "The calling key's tenant",
    tag: 'Tenant',
    responses: { 200: { description: 'The tenant', schema: Tenant } },
  }),
  createApiKey: defineRoute({
    id: 'createApiKey',
    method: 'POST',
    path: '/v1/api-keys',
    entry: 'functions/tenants/create-api-key.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: 'Create another API key for this tenant; the secret is shown once',
    tag: 'Tenant',
    request: { body: ApiKeyInput },
    responses: { 201: { description: 'Created', schema: CreatedApiKey } },
  }),
  listApiKeys: defineRoute({
    id: 'listApiKeys',
    method: 'GET',
    path: '/v1/api-keys',
    entry: 'functions/tenants/list-api-keys.ts',
    auth: 'apiKey',
    access: read,
    summary: "The tenant's API keys, without secrets",
    tag: 'Tenant',
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of keys', schema: pageOf(ApiKey) } },
  }),
  revokeApiKey: defineRoute({
    id: 'revokeApiKey',
    method: 'DELETE',
    path: '/v1/api-keys/{id}',
    entry: 'functions/tenants/revoke-api-key.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: 'Revoke an API key at once',
    tag: 'Tenant',
    request: { params: IdParams },
    responses: {
      204: { description: 'Revoked' },
      404: problem('No such key'),
      409: problem('The key is the one making this call'),
    },
  }),
  createCustomer: defineRoute({
    id: 'createCustomer',
    method: 'POST',
    path: '/v1/customers',
    entry: 'functions/customers/create-customer.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: 'Create a customer',
    tag: 'Customers',
    request: { body: CustomerInput },
    responses: {
      201: { description: 'Created', schema: Customer },
      400: problem('Invalid input; `errors` names each field'),
    },
  }),
  listCustomers: defineRoute({
    id: 'listCustomers',
    method: 'GET',
    path: '/v1/customers',
    entry: 'functions/customers/list-customers.ts',
    auth: 'apiKey',
    access: read,
    summary: 'List customers, oldest first',
    tag: 'Customers',
    request: { query: PageQuery.extend(CustomerListQuery.shape) },
    responses: { 200: { description: 'A page of customers', schema: pageOf(Customer) } },
  }),
  getCustomer: defineRoute({
    id: 'getCustomer',
    method: 'GET',
    path: '/v1/customers/{id}',
    entry: 'functions/customers/get-customer.ts',
    auth: 'apiKey',
    access: read,
    summary: 'Get a customer',
    tag: 'Customers',
    request: { params: IdParams },
    responses: {
      200: { description: 'The customer; `ETag` carries its version', schema: Customer },
      404: problem('No such customer'),
    },
  }),
  updateCustomer: defineRoute({
    id: 'updateCustomer',
    method: 'PATCH',
    path: '/v1/customers/{id}',
    entry: 'functions/customers/update-customer.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: 'Change a customer (send `If-Match` to guard against lost updates)',
    tag: 'Customers',
    request: { params: IdParams, body: CustomerPatch },
    responses: {
      200: { description: 'The changed customer', schema: Customer },
      404: problem('No such customer'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  deleteCustomer: defineRoute({
    id: 'deleteCustomer',
    method: 'DELETE',
    path: '/v1/customers/{id}',
    entry: 'functions/customers/delete-customer.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: 'Delete a customer (soft: kept for the invoices that name it)',
    tag: 'Customers',
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' }, 404: problem('No such customer') },
  }),
} as const satisfies Record<string, RouteDef>;

export type RouteId = keyof typeof routes;
export const routeList: readonly RouteDef[] = Object.values(routes);

/**
 * Answers every request no route matches (API Gateway's `$default` route, and the local server's
 * fallback), so unknown paths and wrong methods get problem+json like everything else.
 */
export const fallbackRoute = {
  id: 'routeNotFound',
  entry: 'functions/system/route-not-found.ts',
  access: [],
} as const;

/** Functions no HTTP route reaches. CDK and the local stack wire them from this same list. */
export const triggered = {
  recordSchedulerHeartbeat: defineTriggered({
    id: 'recordSchedulerHeartbeat',
    entry: 'functions/system/record-scheduler-heartbeat.ts',
    access: ['table:write'],
    summary: 'Records that the scheduler fired, so missed runs can be detected',
    trigger: {
      kind: 'schedule',
      expression: 'rate(5 minutes)',
      timezone: 'UTC',
      input: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
  }),
  provisionTenant: defineTriggered({
    id: 'provisionTenant',
    entry: 'functions/tenants/provision-tenant.ts',
    access: ['table:read', 'table:write'],
    summary: 'Operator action: create a tenant and its first API key',
    trigger: { kind: 'invoke' },
  }),
} as const satisfies Record<string, TriggeredDef>;

export const triggeredList: readonly TriggeredDef[] = Object.values(triggered);
