import * as z from 'zod';
import { defineRoute, type RouteDef, type TriggeredDef } from '../route.ts';
import { pageOf } from '../schemas/common.ts';
import {
  ImportBatchInput,
  ImportBatchResult,
  InboxDocumentParams,
  InboxEntry,
  InboxInvoice,
  InboxParams,
  InboxQuery,
  InboxStatusInput,
} from '../schemas/exchange.ts';
import { Invoice } from '../schemas/invoices.ts';
import { problem, read, readWrite } from './shared.ts';

const InboxPage = pageOf(InboxEntry)
  .extend({
    taxIdVerified: z
      .boolean()
      .describe(
        'false: the calling tenant has not proven its tax id is its own, so its inbox shows ' +
          'nothing yet; upload a signing certificate whose holder is that tax id',
      ),
  })
  .meta({ id: 'InboxPage' });

/**
 * The inbox of invoices to pay (a recipient's session, or a tenant's API key for invoices
 * addressed to its own tax id) and import for delivery (an ERP hands over invoices it issued).
 */
export const exchangeRoutes = {
  listInbox: defineRoute({
    id: 'listInbox',
    method: 'GET',
    path: '/v1/inbox',
    entry: 'functions/exchange/list-inbox.ts',
    auth: 'inbox',
    access: read,
    summary: 'Invoices addressed to your tax id, from every issuer, newest first',
    tag: 'Inbox',
    request: { query: InboxQuery },
    responses: {
      200: {
        description:
          'A page of invoices. A tenant that has not proven its tax id gets none, with ' +
          '`taxIdVerified: false` (see `taxIdProof` in GET /v1/tenant)',
        schema: InboxPage,
      },
    },
  }),
  getInboxInvoice: defineRoute({
    id: 'getInboxInvoice',
    method: 'GET',
    path: '/v1/inbox/{id}',
    entry: 'functions/exchange/get-inbox-invoice.ts',
    auth: 'inbox',
    access: read,
    summary: 'One invoice of your inbox, with its lines and your status history',
    tag: 'Inbox',
    request: { params: InboxParams },
    responses: {
      200: { description: 'The invoice', schema: InboxInvoice },
      404: problem('No such invoice in your inbox'),
    },
  }),
  getInboxDocument: defineRoute({
    id: 'getInboxDocument',
    method: 'GET',
    path: '/v1/inbox/{id}/documents/{format}',
    entry: 'functions/exchange/get-inbox-document.ts',
    auth: 'inbox',
    // As the issuer's download: the stored document, or ensureInvoiceDocuments makes it.
    access: ['table:read', 'artifacts:read'],
    invokes: ['ensureInvoiceDocuments'],
    summary: 'The invoice as PDF, signed Facturae, or the original an imported invoice came in',
    tag: 'Inbox',
    request: { params: InboxDocumentParams },
    responses: {
      200: { description: 'The document', mediaType: 'application/pdf' },
      404: problem('No such invoice in your inbox'),
      409: problem(
        'No such document for this invoice (no original, or imported in another format)',
      ),
    },
    timeoutSeconds: 30,
  }),
  setInboxStatus: defineRoute({
    id: 'setInboxStatus',
    method: 'POST',
    path: '/v1/inbox/{id}/status',
    entry: 'functions/exchange/set-inbox-status.ts',
    auth: 'inbox',
    // The issuer's webhooks hear of it (signing secrets opened with KMS).
    access: [...readWrite, 'secrets:decrypt'],
    summary: 'Accept, reject (with a reason) or mark paid; the issuer sees it on its invoice',
    tag: 'Inbox',
    request: { params: InboxParams, body: InboxStatusInput },
    responses: {
      200: { description: 'The invoice with its new status', schema: InboxInvoice },
      404: problem('No such invoice in your inbox'),
      409: problem('Not allowed from the current status, or the invoice was cancelled'),
      422: problem('A rejection without a reason'),
    },
  }),
  importInvoices: defineRoute({
    id: 'importInvoices',
    method: 'POST',
    path: '/v1/imports',
    entry: 'functions/exchange/import-invoices.ts',
    auth: 'tenant',
    access: ['table:read', 'table:write', 'artifacts:write', 'secrets:decrypt'],
    invokes: ['processIssuedInvoices'],
    // The body is not declared as a schema: it is either the XML itself (application/xml, or
    // application/octet-stream to keep non-UTF-8 bytes exact) or JSON `ImportBatchInput`.
    summary:
      'Deliver invoices your own system issued (Facturae, UBL or CII): send one XML document ' +
      '(answers 201 with the invoice) or JSON `ImportBatchInput` of up to 50 (answers 200 with ' +
      'a result per item: `status` 201 with the invoice, or the 4xx with its problem)',
    tag: 'Imports',
    request: {
      rawBody: {
        mediaTypes: ['application/xml', 'text/xml', 'application/octet-stream', 'application/json'],
        description:
          'One Facturae, UBL or CII document (octet-stream keeps non-UTF-8 bytes exact), or a JSON batch',
        json: ImportBatchInput,
      },
    },
    responses: {
      200: { description: 'A JSON batch: one result per item', schema: ImportBatchResult },
      201: { description: 'One XML document: the invoice as recorded', schema: Invoice },
      409: problem('The tenant already imported an invoice with this number'),
      415: problem('Neither XML nor JSON'),
      422: problem("Not a valid e-invoice, or its seller is not the tenant's tax id"),
    },
    timeoutSeconds: 60,
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const exchangeTriggered = {} as const satisfies Record<string, TriggeredDef>;
