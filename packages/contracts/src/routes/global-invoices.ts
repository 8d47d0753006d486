import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from '../route.ts';
import {
  CloseGlobalInput,
  GlobalCloseResult,
  GlobalDocumentParams,
  GlobalInvoiceList,
} from '../schemas/global-invoices.ts';
import { problem, read, readWrite } from './shared.ts';

/** Closing a period seals the global with the CSD (KMS), stamps it (PAC) and stores it (S3). */
const stamping = [...readWrite, 'artifacts:write', 'signing:sign', 'pac:stamp'] as const;

/** Routes of this area (Mexico's factura global); spread into the route table in ../routes.ts. */
export const globalInvoicesRoutes = {
  closeGlobalPeriod: defineRoute({
    id: 'closeGlobalPeriod',
    method: 'POST',
    path: '/v1/global-invoices',
    entry: 'functions/global-invoices/close-global-period.ts',
    auth: 'tenant',
    access: stamping,
    summary:
      'Mexico: close a month into one factura global of the tickets no buyer invoiced. ' +
      'Idempotent: closing a month again answers its global',
    tag: 'Tickets',
    request: { body: CloseGlobalInput },
    responses: {
      200: {
        description: 'The global of the period (none when no ticket was open)',
        schema: GlobalCloseResult,
      },
      400: problem('Invalid period; `errors` names it'),
      409: problem('Not a Mexican tenant, no CSD, or the period is not over'),
    },
    timeoutSeconds: 60,
  }),
  listGlobalInvoices: defineRoute({
    id: 'listGlobalInvoices',
    method: 'GET',
    path: '/v1/global-invoices',
    entry: 'functions/global-invoices/list-global-invoices.ts',
    auth: 'tenant',
    access: read,
    summary: 'Mexico: the factura global of each closed month, with its reissues, newest first',
    tag: 'Tickets',
    responses: { 200: { description: 'The globals', schema: GlobalInvoiceList } },
  }),
  getGlobalInvoiceDocument: defineRoute({
    id: 'getGlobalInvoiceDocument',
    method: 'GET',
    path: '/v1/global-invoices/{id}/documents/{format}',
    entry: 'functions/global-invoices/get-global-invoice-document.ts',
    auth: 'tenant',
    access: ['table:read', 'artifacts:read'],
    summary: 'Mexico: a factura global as its stamped CFDI XML',
    tag: 'Tickets',
    request: { params: GlobalDocumentParams },
    responses: {
      200: { description: 'The stamped CFDI', mediaType: 'application/xml' },
      404: problem('No such global invoice'),
      409: problem('Not stamped yet: closing the period again finishes it'),
    },
  }),
} as const satisfies Record<string, RouteDef>;

export const globalInvoicesTriggered = {
  closeGlobalInvoices: defineTriggered({
    id: 'closeGlobalInvoices',
    entry: 'functions/global-invoices/close-global-invoices.ts',
    access: stamping,
    summary:
      "Mexico: closes last month into each ticket-selling tenant's factura global " +
      '(daily; idempotent, so later runs retry what failed)',
    trigger: {
      kind: 'schedule',
      // 07:00 UTC is 01:00 in Mexico City: the month is over everywhere in Mexico on the 1st.
      expression: 'cron(0 7 * * ? *)',
      timezone: 'UTC',
      input: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    timeoutSeconds: 900,
  }),
} as const satisfies Record<string, TriggeredDef>;
