import type * as z from 'zod';
import { defineRoute, defineTriggered, kebab, type RouteDef, type TriggeredDef } from './route.ts';
import {
  CustomerPrices,
  CustomerPricesInput,
  Product,
  ProductInput,
  ProductPatch,
  Tariff,
  TariffInput,
  TariffPatch,
} from './schemas/catalog.ts';
import { IdParams, PageQuery, Problem, pageOf } from './schemas/common.ts';
import { Customer, CustomerInput, CustomerListQuery, CustomerPatch } from './schemas/customers.ts';
import {
  CancelInput,
  CorrectionResult,
  DocumentParams,
  Invoice,
  InvoiceInput,
  InvoiceListQuery,
  InvoicePatch,
  RectifyInput,
  SendInput,
  Series,
  SeriesInput,
  SplitInput,
} from './schemas/invoices.ts';
import { Health } from './schemas/system.ts';
import {
  ApiKey,
  ApiKeyInput,
  CreatedApiKey,
  SigningCertificate,
  SigningCertificateInput,
  Tenant,
} from './schemas/tenants.ts';
import {
  ChainVerification,
  InvoiceVerifactu,
  VerifactuEntry,
  VoidInput,
} from './schemas/verifactu.ts';

/**
 * THE route table: plain data read by the CDK stack (one function and one route per entry, grants
 * from `access`), by the local server (same handlers), by the OpenAPI generator and by the tests.
 */
const problem = (description: string) => ({ description, schema: Problem });
const read = ['table:read'] as const;
const readWrite = ['table:read', 'table:write'] as const;
/** Issuing writes the invoice, signs its Facturae and stores the documents. */
const issuing = [
  'table:read',
  'table:write',
  'artifacts:read',
  'artifacts:write',
  'signing:sign',
] as const;

/** The five CRUD routes of a tenant-owned resource, named `<verb><Name>` with typed schemas. */
function crud<
  const N extends string,
  I extends z.ZodType,
  P extends z.ZodType,
  O extends z.ZodType,
>(name: N, plural: string, area: string, tag: string, schemas: { input: I; patch: P; output: O }) {
  const base = `/v1/${plural}`;
  const noun = kebab(name).slice(1); // `Product` -> `product`
  const entry = (verb: string) => `functions/${area}/${verb}-${noun}.ts`;
  const create = defineRoute({
    id: `create${name}`,
    method: 'POST',
    path: base,
    entry: entry('create'),
    auth: 'apiKey',
    access: readWrite,
    summary: `Create one`,
    tag,
    request: { body: schemas.input },
    responses: {
      201: { description: 'Created', schema: schemas.output },
      409: problem('Conflicts with an existing one'),
    },
  });
  const list = defineRoute({
    id: `list${name}s`,
    method: 'GET',
    path: base,
    entry: `functions/${area}/list-${noun}s.ts`,
    auth: 'apiKey',
    access: read,
    summary: 'List them, oldest first',
    tag,
    request: { query: PageQuery },
    responses: { 200: { description: 'A page', schema: pageOf(schemas.output) } },
  });
  const get = defineRoute({
    id: `get${name}`,
    method: 'GET',
    path: `${base}/{id}`,
    entry: entry('get'),
    auth: 'apiKey',
    access: read,
    summary: 'Get one',
    tag,
    request: { params: IdParams },
    responses: {
      200: { description: 'Found; `ETag` carries its version', schema: schemas.output },
      404: problem('Not found'),
    },
  });
  const update = defineRoute({
    id: `update${name}`,
    method: 'PATCH',
    path: `${base}/{id}`,
    entry: entry('update'),
    auth: 'apiKey',
    access: readWrite,
    summary: 'Change one (send `If-Match` to guard against lost updates)',
    tag,
    request: { params: IdParams, body: schemas.patch },
    responses: {
      200: { description: 'Changed', schema: schemas.output },
      404: problem('Not found'),
      412: problem('`If-Match` does not match the current version'),
    },
  });
  const remove = defineRoute({
    id: `delete${name}`,
    method: 'DELETE',
    path: `${base}/{id}`,
    entry: entry('delete'),
    auth: 'apiKey',
    access: readWrite,
    summary: 'Delete one (kept for the invoices that reference it)',
    tag,
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' }, 404: problem('Not found') },
  });
  return {
    [create.id]: create,
    [list.id]: list,
    [get.id]: get,
    [update.id]: update,
    [remove.id]: remove,
  } as {
    [K in `create${N}`]: typeof create;
  } & { [K in `list${N}s`]: typeof list } & { [K in `get${N}`]: typeof get } & {
    [K in `update${N}`]: typeof update;
  } & { [K in `delete${N}`]: typeof remove };
}

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
  putSigningCertificate: defineRoute({
    id: 'putSigningCertificate',
    method: 'PUT',
    path: '/v1/signing-certificate',
    entry: 'functions/tenants/put-signing-certificate.ts',
    auth: 'apiKey',
    access: ['table:read', 'table:write', 'signing:import'],
    summary:
      "Upload the tenant's qualified certificate (PKCS#12): its key is imported into KMS and the file discarded",
    tag: 'Tenant',
    request: { body: SigningCertificateInput },
    responses: {
      200: { description: 'The certificate now used to sign', schema: SigningCertificate },
      400: problem('Not a PKCS#12 with one RSA key and its certificate, or a wrong password'),
    },
    timeoutSeconds: 30,
  }),
  getSigningCertificate: defineRoute({
    id: 'getSigningCertificate',
    method: 'GET',
    path: '/v1/signing-certificate',
    entry: 'functions/tenants/get-signing-certificate.ts',
    auth: 'apiKey',
    access: read,
    summary: 'The certificate the tenant signs with',
    tag: 'Tenant',
    responses: {
      200: { description: 'The certificate', schema: SigningCertificate },
      404: problem('None uploaded yet (the platform default signs, where configured)'),
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
  ...crud('Product', 'products', 'catalog', 'Catalog', {
    input: ProductInput,
    patch: ProductPatch,
    output: Product,
  }),
  ...crud('Tariff', 'tariffs', 'catalog', 'Catalog', {
    input: TariffInput,
    patch: TariffPatch,
    output: Tariff,
  }),
  putCustomerPrices: defineRoute({
    id: 'putCustomerPrices',
    method: 'PUT',
    path: '/v1/customers/{id}/prices',
    entry: 'functions/catalog/put-customer-prices.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: "Replace the customer's own prices (they win over its tariff and the catalog)",
    tag: 'Catalog',
    request: { params: IdParams, body: CustomerPricesInput },
    responses: {
      200: { description: 'The prices now in force', schema: CustomerPrices },
      404: problem('No such customer'),
    },
  }),
  getCustomerPrices: defineRoute({
    id: 'getCustomerPrices',
    method: 'GET',
    path: '/v1/customers/{id}/prices',
    entry: 'functions/catalog/get-customer-prices.ts',
    auth: 'apiKey',
    access: read,
    summary: "The customer's own prices",
    tag: 'Catalog',
    request: { params: IdParams },
    responses: {
      200: { description: 'The prices', schema: CustomerPrices },
      404: problem('No such customer'),
    },
  }),
  createSeries: defineRoute({
    id: 'createSeries',
    method: 'POST',
    path: '/v1/series',
    entry: 'functions/invoices/create-series.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: 'Create a numbering series',
    tag: 'Invoices',
    request: { body: SeriesInput },
    responses: { 201: { description: 'Created', schema: Series }, 409: problem('The code exists') },
  }),
  listSeries: defineRoute({
    id: 'listSeries',
    method: 'GET',
    path: '/v1/series',
    entry: 'functions/invoices/list-series.ts',
    auth: 'apiKey',
    access: readWrite, // creates the default series on first use
    summary: 'The numbering series',
    tag: 'Invoices',
    responses: { 200: { description: 'All series', schema: pageOf(Series) } },
  }),
  createInvoice: defineRoute({
    id: 'createInvoice',
    method: 'POST',
    path: '/v1/invoices',
    entry: 'functions/invoices/create-invoice.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: 'Create a draft invoice (no number until issued)',
    tag: 'Invoices',
    request: { body: InvoiceInput },
    responses: { 201: { description: 'The draft with its totals', schema: Invoice } },
  }),
  listInvoices: defineRoute({
    id: 'listInvoices',
    method: 'GET',
    path: '/v1/invoices',
    entry: 'functions/invoices/list-invoices.ts',
    auth: 'apiKey',
    access: read,
    summary: 'List invoices, newest first',
    tag: 'Invoices',
    request: { query: PageQuery.extend(InvoiceListQuery.shape) },
    responses: { 200: { description: 'A page of invoices', schema: pageOf(Invoice) } },
  }),
  getInvoice: defineRoute({
    id: 'getInvoice',
    method: 'GET',
    path: '/v1/invoices/{id}',
    entry: 'functions/invoices/get-invoice.ts',
    auth: 'apiKey',
    access: read,
    summary: 'Get an invoice',
    tag: 'Invoices',
    request: { params: IdParams },
    responses: {
      200: { description: 'The invoice', schema: Invoice },
      404: problem('No such invoice'),
    },
  }),
  updateInvoice: defineRoute({
    id: 'updateInvoice',
    method: 'PATCH',
    path: '/v1/invoices/{id}',
    entry: 'functions/invoices/update-invoice.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: 'Change a draft; issued invoices are immutable',
    tag: 'Invoices',
    request: { params: IdParams, body: InvoicePatch },
    responses: {
      200: { description: 'The draft', schema: Invoice },
      404: problem('No such invoice'),
      409: problem('Not a draft any more'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  issueInvoice: defineRoute({
    id: 'issueInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/issue',
    entry: 'functions/invoices/issue-invoice.ts',
    auth: 'apiKey',
    access: issuing,
    summary: 'Number, freeze, sign and store a draft',
    tag: 'Invoices',
    request: { params: IdParams },
    responses: {
      200: { description: 'The issued invoice', schema: Invoice },
      404: problem('No such invoice'),
      409: problem('Not a draft'),
    },
    timeoutSeconds: 30,
  }),
  getInvoiceDocument: defineRoute({
    id: 'getInvoiceDocument',
    method: 'GET',
    path: '/v1/invoices/{id}/documents/{format}',
    entry: 'functions/invoices/get-invoice-document.ts',
    auth: 'apiKey',
    access: issuing, // regenerates a missing document of an issued invoice
    summary: 'The invoice as signed Facturae XML or PDF (a draft gets a PDF preview)',
    tag: 'Invoices',
    request: { params: DocumentParams },
    responses: {
      200: { description: 'The document', mediaType: 'application/pdf' },
      404: problem('No such invoice'),
      409: problem('Drafts have no Facturae'),
    },
    timeoutSeconds: 30,
  }),
  sendInvoice: defineRoute({
    id: 'sendInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/send',
    entry: 'functions/invoices/send-invoice.ts',
    auth: 'apiKey',
    access: [...issuing, 'mail:send'],
    summary: 'E-mail the invoice with its PDF and signed Facturae',
    tag: 'Invoices',
    request: { params: IdParams, body: SendInput },
    responses: {
      200: { description: 'Sent; the event is on the invoice', schema: Invoice },
      400: problem('No address to send to'),
      409: problem('Drafts cannot be sent'),
    },
    timeoutSeconds: 30,
  }),
  rectifyInvoice: defineRoute({
    id: 'rectifyInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/rectify',
    entry: 'functions/invoices/rectify-invoice.ts',
    auth: 'apiKey',
    access: issuing,
    summary: 'Issue a corrective invoice, by differences or by substitution',
    tag: 'Invoices',
    request: { params: IdParams, body: RectifyInput },
    responses: {
      200: { description: 'The original and its corrective', schema: CorrectionResult },
    },
    timeoutSeconds: 30,
  }),
  cancelInvoice: defineRoute({
    id: 'cancelInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/cancel',
    entry: 'functions/invoices/cancel-invoice.ts',
    auth: 'apiKey',
    access: issuing,
    summary: 'Cancel an issued invoice by a full corrective',
    tag: 'Invoices',
    request: { params: IdParams, body: CancelInput },
    responses: {
      200: { description: 'The original and its corrective', schema: CorrectionResult },
    },
    timeoutSeconds: 30,
  }),
  splitInvoice: defineRoute({
    id: 'splitInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/split',
    entry: 'functions/invoices/split-invoice.ts',
    auth: 'apiKey',
    access: issuing,
    summary: 'Replace an issued invoice by several that add up to it',
    tag: 'Invoices',
    request: { params: IdParams, body: SplitInput },
    responses: {
      200: {
        description: 'The original, its corrective and the replacements',
        schema: CorrectionResult,
      },
      400: problem('The parts do not add up to the original'),
    },
    timeoutSeconds: 60,
  }),
  voidInvoice: defineRoute({
    id: 'voidInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/void',
    entry: 'functions/verifactu/void-invoice.ts',
    auth: 'apiKey',
    access: readWrite,
    summary: 'Annul an invoice issued in error (VERI*FACTU registro de anulación)',
    tag: 'VERI*FACTU',
    request: { params: IdParams, body: VoidInput },
    responses: {
      200: { description: 'The voided invoice', schema: Invoice },
      409: problem('A draft, or already void'),
    },
  }),
  getInvoiceVerifactu: defineRoute({
    id: 'getInvoiceVerifactu',
    method: 'GET',
    path: '/v1/invoices/{id}/verifactu',
    entry: 'functions/verifactu/get-invoice-verifactu.ts',
    auth: 'apiKey',
    access: read,
    summary: "The invoice's latest VERI*FACTU record, its XML, QR URL and submission",
    tag: 'VERI*FACTU',
    request: { params: IdParams },
    responses: {
      200: { description: 'The record', schema: InvoiceVerifactu },
      404: problem('No such invoice, or it has no record (a draft, a non-Spanish issuer)'),
    },
  }),
  listVerifactuRecords: defineRoute({
    id: 'listVerifactuRecords',
    method: 'GET',
    path: '/v1/verifactu/records',
    entry: 'functions/verifactu/list-verifactu-records.ts',
    auth: 'apiKey',
    access: read,
    summary: "The tenant's billing records in generation order",
    tag: 'VERI*FACTU',
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of records', schema: pageOf(VerifactuEntry) } },
  }),
  verifyVerifactuChain: defineRoute({
    id: 'verifyVerifactuChain',
    method: 'POST',
    path: '/v1/verifactu/verify',
    entry: 'functions/verifactu/verify-verifactu-chain.ts',
    auth: 'apiKey',
    access: read,
    summary: 'Recompute every huella and link of the tenant chain',
    tag: 'VERI*FACTU',
    responses: { 200: { description: 'The result', schema: ChainVerification } },
    timeoutSeconds: 60,
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
