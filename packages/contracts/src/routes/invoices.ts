import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import {
  CancelInput,
  CancelResult,
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
} from '../schemas/invoices.ts';

import { problem, read, readWrite } from './shared.ts';

/**
 * Numbering functions write the table and hand the documents and notifications to
 * `processIssuedInvoices`, so the number is answered without waiting for signing and rendering.
 */
const numbering = { access: readWrite, invokes: ['processIssuedInvoices'] } as const;
/** Issuing also stamps a Mexican invoice: sealed with its CSD (KMS), the stamped XML stored. */
const issuing = {
  access: [...readWrite, 'artifacts:write', 'signing:sign', 'pac:stamp'],
  invokes: ['processIssuedInvoices'],
} as const;
/**
 * Making documents: signing the Facturae, storing both, the PDF drawn by `renderInvoicePdf`. Only
 * the post-issue step and `ensureInvoiceDocuments` do it; the routes that serve or send documents
 * read them or ask that function, so they carry neither signing nor pdf-lib.
 */
const documentAccess = ['table:read', 'artifacts:read', 'artifacts:write', 'signing:sign'] as const;

export const invoicesRoutes = {
  createSeries: defineRoute({
    id: 'createSeries',
    method: 'POST',
    path: '/v1/series',
    entry: 'functions/invoices/create-series.ts',
    auth: 'tenant',
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
    auth: 'tenant',
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
    auth: 'tenant',
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
    auth: 'tenant',
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
    auth: 'tenant',
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
    auth: 'tenant',
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
  deleteInvoice: defineRoute({
    id: 'deleteInvoice',
    method: 'DELETE',
    path: '/v1/invoices/{id}',
    entry: 'functions/invoices/delete-invoice.ts',
    auth: 'tenant',
    access: readWrite,
    summary: 'Delete a draft; an issued invoice is never deleted (correct it or cancel it)',
    tag: 'Invoices',
    request: { params: IdParams },
    responses: {
      204: { description: 'Deleted' },
      404: problem('No such invoice'),
      409: problem('Not a draft: it has a number'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  issueInvoice: defineRoute({
    id: 'issueInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/issue',
    entry: 'functions/invoices/issue-invoice.ts',
    auth: 'tenant',
    ...issuing,
    summary: 'Number and freeze a draft; its documents follow within seconds',
    tag: 'Invoices',
    request: { params: IdParams },
    responses: {
      200: { description: 'The issued invoice', schema: Invoice },
      404: problem('No such invoice'),
      409: problem('Not a draft'),
    },
    timeoutSeconds: 30,
  }),
  stampInvoice: defineRoute({
    id: 'stampInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/stamp',
    entry: 'functions/invoices/stamp-invoice.ts',
    auth: 'tenant',
    access: ['table:read', 'table:write', 'artifacts:write', 'signing:sign', 'pac:stamp'],
    summary:
      'Stamp a Mexican invoice whose stamp is pending or was refused: sealed with the CSD and ' +
      'sent to the PAC again, with the customer as it is now; its folio stays the same',
    tag: 'Invoices',
    request: { params: IdParams },
    responses: {
      200: { description: 'The stamped invoice (already stamped: as it is)', schema: Invoice },
      404: problem('No such invoice'),
      409: problem('A draft, not a CFDI, or no CSD uploaded'),
      422: problem('The PAC refused it: its code and message'),
      503: problem('The PAC could not be reached: try again later'),
    },
    timeoutSeconds: 30,
  }),
  getInvoiceDocument: defineRoute({
    id: 'getInvoiceDocument',
    method: 'GET',
    path: '/v1/invoices/{id}/documents/{format}',
    entry: 'functions/invoices/get-invoice-document.ts',
    auth: 'tenant',
    // Reads the stored document; a missing one is made by ensureInvoiceDocuments, a draft's
    // preview drawn by renderInvoicePdf.
    access: ['table:read', 'artifacts:read'],
    invokes: ['ensureInvoiceDocuments', 'renderInvoicePdf'],
    summary:
      'The invoice as a document: PDF, signed Facturae, UBL, CII or its VERI*FACTU record (a draft gets a PDF preview)',
    tag: 'Invoices',
    request: { params: DocumentParams },
    responses: {
      200: { description: 'The document', mediaType: 'application/pdf' },
      404: problem('No such invoice, or (verifactu) no record of it'),
      409: problem(
        'A draft has only its PDF preview; an invoice the format does not apply to (an import has no Facturae)',
      ),
    },
    timeoutSeconds: 30,
  }),
  sendInvoice: defineRoute({
    id: 'sendInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/send',
    entry: 'functions/invoices/send-invoice.ts',
    auth: 'tenant',
    access: ['table:read', 'table:write', 'mail:send'],
    invokes: ['ensureInvoiceDocuments'],
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
    auth: 'tenant',
    ...issuing,
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
    auth: 'tenant',
    // A Mexican invoice is cancelled at SAT through the stage's PAC.
    access: [...readWrite, 'pac:stamp'],
    invokes: numbering.invokes,
    summary:
      'Cancel an issued invoice: a Spanish one by a full corrective; a Mexican one (a stamped ' +
      "CFDI) at SAT through the PAC with SAT's reason, cancelled at once or pending until the " +
      'receptor accepts (ask again with the same reason to learn the outcome)',
    tag: 'Invoices',
    request: { params: IdParams, body: CancelInput },
    responses: {
      200: {
        description:
          'The original and its corrective (Spain); the original with `cfdi.cancellation` (Mexico)',
        schema: CancelResult,
      },
      400: problem(
        "A field of the other country's cancellation, a CFDI without `reason`, or `substitute` " +
          'missing with 01 / given with another reason',
      ),
      404: problem('No such invoice'),
      409: problem(
        'Not cancellable in its status: not stamped, already cancelled, a pending cancellation ' +
          'with another reason, or `substitute` is no stamped CFDI of the tenant in force',
      ),
      422: problem("The PAC refused the cancellation: its code (SAT's 203, 205, …)"),
      503: problem('The PAC could not be reached: nothing changed, try again later'),
    },
    timeoutSeconds: 30,
  }),
  splitInvoice: defineRoute({
    id: 'splitInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/split',
    entry: 'functions/invoices/split-invoice.ts',
    auth: 'tenant',
    ...issuing,
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
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const invoicesTriggered = {
  processIssuedInvoices: defineTriggered({
    id: 'processIssuedInvoices',
    entry: 'functions/invoices/process-issued-invoices.ts',
    // Documents, then the buyer's mail and the ERPs' webhooks (signing secrets opened with KMS).
    access: [...documentAccess, 'table:write', 'mail:send', 'secrets:decrypt', 'pac:stamp'],
    // A self-invoice's mail goes after its documents are stored (`thenSendTo`).
    invokes: ['renderInvoicePdf', 'sendSelfInvoice'],
    summary:
      'After invoices are numbered: stores their signed Facturae and PDF, then runs the ' +
      'subscribers (each idempotent: a retry hands the same invoices over again)',
    trigger: { kind: 'invoke' },
    timeoutSeconds: 120,
  }),
  ensureInvoiceDocuments: defineTriggered({
    id: 'ensureInvoiceDocuments',
    entry: 'functions/invoices/ensure-invoice-documents.ts',
    access: documentAccess,
    invokes: ['renderInvoicePdf'],
    summary: "An issued invoice's documents as stored, made and stored first when missing",
    trigger: { kind: 'invoke' },
    timeoutSeconds: 30,
  }),
  stampCfdi: defineTriggered({
    id: 'stampCfdi',
    entry: 'functions/invoices/stamp-cfdi.ts',
    // The public self-invoicing routes number; this seals with the tenant's CSD key and stamps,
    // so no public function holds a signing key or the PAC's secret.
    access: ['table:read', 'table:write', 'artifacts:write', 'signing:sign', 'pac:stamp'],
    summary: "Seals a numbered Mexican invoice with the tenant's CSD and has the PAC stamp it",
    trigger: { kind: 'invoke' },
    timeoutSeconds: 30,
  }),
  renderInvoicePdf: defineTriggered({
    id: 'renderInvoicePdf',
    entry: 'functions/invoices/render-invoice-pdf.ts',
    // The caller passes the invoice and gets the bytes; the tenant's branding (settings, logo) is
    // read here, so no caller needs the logo. pdf-lib and its fonts live only here.
    access: ['table:read', 'artifacts:read'],
    summary: 'Renders an invoice (or a draft preview) as PDF',
    trigger: { kind: 'invoke' },
    timeoutSeconds: 30,
  }),
} as const satisfies Record<string, TriggeredDef>;
