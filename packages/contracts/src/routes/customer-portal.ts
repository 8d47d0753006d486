import { defineRoute, type RouteDef } from '../route.ts';
import { ChangeRequest, ChangeRequestInput } from '../schemas/change-requests.ts';
import { pageOf } from '../schemas/common.ts';
import {
  DepositSelection,
  MyChangeRequests,
  PortalDepositPage,
  PortalDepositQuery,
  PortalDepositTotals,
  PortalDraftCorrection,
  PortalInvoiceQuery,
  SupplierDocumentParams,
  SupplierItemParams,
  SupplierList,
  SupplierParams,
} from '../schemas/customer-portal.ts';
import { Deposit } from '../schemas/deposits.ts';
import { Invoice } from '../schemas/invoices.ts';
import { problem, read, readWrite } from './shared.ts';

/**
 * The customer portal: a registered recipient (its access token, `auth: 'session'`) acting as the
 * customer of the tenants it buys from. Everything hangs under `/v1/recipients/me` (the signed-in
 * recipient, as `GET /v1/recipients/me`) and one supplier: the caller names no customer, the
 * token says who it is, so no id in a path can reach another customer's records. Each operation
 * runs the staff route's own use case on the recipient's own customer record; a supplier it is no
 * customer of, or another customer's deposit or invoice, is 404.
 */
const base = '/v1/recipients/me/suppliers/{tenantId}';
const notFound = problem('Not a supplier of yours, or no such deposit or invoice of yours there');
const tag = 'Customer portal';

export const customerPortalRoutes = {
  listMySuppliers: defineRoute({
    id: 'listMySuppliers',
    method: 'GET',
    path: '/v1/recipients/me/suppliers',
    entry: 'functions/customer-portal/list-my-suppliers.ts',
    auth: 'session',
    access: read,
    summary:
      'The tenants you are a customer of (by your tax id), those you have deposits with first',
    tag,
    responses: { 200: { description: 'Your suppliers', schema: SupplierList } },
  }),
  listMyDeposits: defineRoute({
    id: 'listMyDeposits',
    method: 'GET',
    path: `${base}/deposits`,
    entry: 'functions/customer-portal/list-my-deposits.ts',
    auth: 'session',
    access: read,
    summary:
      'Your deposits at a supplier, newest payment first, with the treatment their invoice is ' +
      'computed with (`depositTotals` of a selection gives what the invoice will say)',
    tag,
    request: { params: SupplierParams, query: PortalDepositQuery },
    responses: {
      200: { description: 'A page of your deposits', schema: PortalDepositPage },
      404: notFound,
    },
  }),
  getMyDeposit: defineRoute({
    id: 'getMyDeposit',
    method: 'GET',
    path: `${base}/deposits/{id}`,
    entry: 'functions/customer-portal/get-my-deposit.ts',
    auth: 'session',
    access: read,
    summary: 'One of your deposits at a supplier',
    tag,
    request: { params: SupplierItemParams },
    responses: { 200: { description: 'The deposit', schema: Deposit }, 404: notFound },
  }),
  totalMyDeposits: defineRoute({
    id: 'totalMyDeposits',
    method: 'POST',
    path: `${base}/deposits/totals`,
    entry: 'functions/customer-portal/total-my-deposits.ts',
    auth: 'session',
    access: read,
    summary: 'The figures an invoice of these deposits of yours will show; writes nothing',
    tag,
    request: { params: SupplierParams, body: DepositSelection },
    responses: {
      200: { description: 'Count, net, tax and total', schema: PortalDepositTotals },
      400: problem('A deposit is none of yours (`errors` names `depositIds.N`)'),
      404: notFound,
    },
  }),
  createMyInvoice: defineRoute({
    id: 'createMyInvoice',
    method: 'POST',
    path: `${base}/invoices`,
    entry: 'functions/customer-portal/create-my-invoice.ts',
    auth: 'session',
    access: readWrite,
    summary: 'A draft invoice of deposits of yours (as POST /v1/invoices with `depositIds`)',
    tag,
    request: { params: SupplierParams, body: DepositSelection },
    responses: {
      201: { description: 'The draft with its totals', schema: Invoice },
      400: problem('A deposit is none of yours (`errors` names `depositIds.N`)'),
      404: notFound,
      409: problem('A deposit is invoiced already; `errors` names it'),
    },
  }),
  listMyInvoices: defineRoute({
    id: 'listMyInvoices',
    method: 'GET',
    path: `${base}/invoices`,
    entry: 'functions/customer-portal/list-my-invoices.ts',
    auth: 'session',
    access: read,
    summary: 'Your invoices from a supplier, newest first: issued ones and the drafts you made',
    tag,
    request: { params: SupplierParams, query: PortalInvoiceQuery },
    responses: {
      200: { description: 'A page of invoices', schema: pageOf(Invoice) },
      404: notFound,
    },
  }),
  getMyInvoice: defineRoute({
    id: 'getMyInvoice',
    method: 'GET',
    path: `${base}/invoices/{id}`,
    entry: 'functions/customer-portal/get-my-invoice.ts',
    auth: 'session',
    access: read,
    summary: 'One of your invoices from a supplier (issued, or a draft you made)',
    tag,
    request: { params: SupplierItemParams },
    responses: { 200: { description: 'The invoice', schema: Invoice }, 404: notFound },
  }),
  correctMyInvoice: defineRoute({
    id: 'correctMyInvoice',
    method: 'PATCH',
    path: `${base}/invoices/{id}`,
    entry: 'functions/customer-portal/correct-my-invoice.ts',
    auth: 'session',
    access: readWrite,
    summary:
      'Correct your draft before issuing it: your fiscal data (name, address, régimen), kept by ' +
      'the supplier for this invoice and the next ones (send `If-Match`)',
    tag,
    request: { params: SupplierItemParams, body: PortalDraftCorrection },
    responses: {
      200: { description: 'The draft', schema: Invoice },
      404: notFound,
      409: problem('Not a draft any more'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  issueMyInvoice: defineRoute({
    id: 'issueMyInvoice',
    method: 'POST',
    path: `${base}/invoices/{id}/issue`,
    entry: 'functions/customer-portal/issue-my-invoice.ts',
    auth: 'session',
    // As POST /v1/invoices/{id}/issue: a Mexican invoice is stamped in the request.
    access: [...readWrite, 'artifacts:write', 'signing:sign', 'pac:stamp'],
    invokes: ['processIssuedInvoices'],
    summary: 'Issue your draft: numbered now, its documents follow within seconds',
    tag,
    request: { params: SupplierItemParams },
    responses: {
      200: { description: 'The issued invoice', schema: Invoice },
      404: notFound,
      409: problem('Not a draft, or a deposit was invoiced meanwhile; `errors` names it'),
    },
    timeoutSeconds: 30,
  }),
  getMyInvoiceDocument: defineRoute({
    id: 'getMyInvoiceDocument',
    method: 'GET',
    path: `${base}/invoices/{id}/documents/{format}`,
    entry: 'functions/customer-portal/get-my-invoice-document.ts',
    auth: 'session',
    access: ['table:read', 'artifacts:read'],
    invokes: ['ensureInvoiceDocuments', 'renderInvoicePdf'],
    summary: "Your invoice as a document (a draft's PDF preview; the issued PDF, Facturae or CFDI)",
    tag,
    request: { params: SupplierDocumentParams },
    responses: {
      200: { description: 'The document', mediaType: 'application/pdf' },
      404: notFound,
      409: problem('A draft has only its PDF preview, or the format does not apply'),
    },
    timeoutSeconds: 30,
  }),
  requestMyInvoiceChange: defineRoute({
    id: 'requestMyInvoiceChange',
    method: 'POST',
    path: `${base}/invoices/{id}/change-requests`,
    entry: 'functions/customer-portal/request-my-invoice-change.ts',
    auth: 'session',
    // As POST /v1/invoices/{id}/change-requests: mails the supplier's support, tells webhooks.
    access: ['table:read', 'table:write', 'mail:send', 'secrets:decrypt'],
    summary:
      'Ask the supplier for a change to your issued invoice (cancel, correct data, split) with a ' +
      'message, as POST /v1/invoices/{id}/change-requests: its support mailbox is told',
    tag,
    request: { params: SupplierItemParams, body: ChangeRequestInput },
    responses: {
      201: { description: 'The request, open', schema: ChangeRequest },
      404: notFound,
      409: problem(
        'Not an issued invoice in force, or a request of that `type` awaits its outcome',
      ),
    },
  }),
  listMyChangeRequests: defineRoute({
    id: 'listMyChangeRequests',
    method: 'GET',
    path: `${base}/invoices/{id}/change-requests`,
    entry: 'functions/customer-portal/list-my-change-requests.ts',
    auth: 'session',
    access: read,
    summary: 'The change requests of your invoice, newest first, with their status and outcome',
    tag,
    request: { params: SupplierItemParams },
    responses: {
      200: { description: 'Its requests', schema: MyChangeRequests },
      404: notFound,
    },
  }),
} as const satisfies Record<string, RouteDef>;
