import { defineTriggered, type RouteDef, type TriggeredDef } from './route.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { centresRoutes } from './routes/centres.ts';
import { changeRequestsRoutes } from './routes/change-requests.ts';
import { claimBillingRoutes } from './routes/claim-billing.ts';
import { claimsRoutes } from './routes/claims.ts';
import { connectorsRoutes, connectorsTriggered } from './routes/connectors.ts';
import { csdRoutes } from './routes/csd.ts';
import { customerPortalRoutes } from './routes/customer-portal.ts';
import { customersRoutes } from './routes/customers.ts';
import { depositsRoutes } from './routes/deposits.ts';
import { documentsRoutes, documentsTriggered } from './routes/documents.ts';
import { exchangeRoutes, exchangeTriggered } from './routes/exchange.ts';
import { globalInvoicesRoutes, globalInvoicesTriggered } from './routes/global-invoices.ts';
import { invoicesRoutes, invoicesTriggered } from './routes/invoices.ts';
import {
  invoicingPoliciesRoutes,
  invoicingPoliciesTriggered,
} from './routes/invoicing-policies.ts';
import { recipientsRoutes, recipientsTriggered } from './routes/recipients.ts';
import { settingsRoutes, settingsTriggered } from './routes/settings.ts';
import { systemRoutes } from './routes/system.ts';
import { tasksRoutes, tasksTriggered } from './routes/tasks.ts';
import { tenantsRoutes } from './routes/tenants.ts';
import { ticketsRoutes, ticketsTriggered } from './routes/tickets.ts';
import { usersRoutes } from './routes/users.ts';
import { verifactuRoutes, verifactuTriggered } from './routes/verifactu.ts';
import { webhooksRoutes, webhooksTriggered } from './routes/webhooks.ts';

/**
 * THE route table: plain data read by the CDK stack (one function and one route per entry, grants
 * from `access`), by the local server (same handlers), by the OpenAPI generator and by the tests.
 * Each area keeps its routes in `routes/<area>.ts`.
 */
export const routes = {
  ...systemRoutes,
  ...tenantsRoutes,
  ...csdRoutes,
  ...customersRoutes,
  ...catalogRoutes,
  ...invoicesRoutes,
  ...verifactuRoutes,
  ...documentsRoutes,
  ...exchangeRoutes,
  ...recipientsRoutes,
  ...settingsRoutes,
  ...webhooksRoutes,
  ...tasksRoutes,
  ...authRoutes,
  ...usersRoutes,
  ...ticketsRoutes,
  ...depositsRoutes,
  ...invoicingPoliciesRoutes,
  ...customerPortalRoutes,
  ...globalInvoicesRoutes,
  ...changeRequestsRoutes,
  ...connectorsRoutes,
  ...centresRoutes,
  ...claimsRoutes,
  ...claimBillingRoutes,
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
  ...invoicesTriggered,
  ...verifactuTriggered,
  ...documentsTriggered,
  ...exchangeTriggered,
  ...globalInvoicesTriggered,
  ...recipientsTriggered,
  ...settingsTriggered,
  ...webhooksTriggered,
  ...tasksTriggered,
  ...ticketsTriggered,
  ...invoicingPoliciesTriggered,
  ...connectorsTriggered,
} as const satisfies Record<string, TriggeredDef>;

export const triggeredList: readonly TriggeredDef[] = Object.values(triggered);
