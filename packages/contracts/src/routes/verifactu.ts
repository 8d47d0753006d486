import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import { Invoice } from '../schemas/invoices.ts';
import {
  ChainVerification,
  InvoiceVerifactu,
  RemedyInput,
  SubmissionBatch,
  SubmitterCertificate,
  SubmitterCertificateInput,
  VerifactuEntry,
  VoidInput,
} from '../schemas/verifactu.ts';

import { ADMINS, EVERYONE, problem, read, readWrite } from './shared.ts';

export const verifactuRoutes = {
  voidInvoice: defineRoute({
    id: 'voidInvoice',
    method: 'POST',
    path: '/v1/invoices/{id}/void',
    entry: 'functions/verifactu/void-invoice.ts',
    auth: 'tenant',
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
    auth: 'tenant',
    access: read,
    summary: "The invoice's latest VERI*FACTU record, its XML, QR URL and submission",
    tag: 'VERI*FACTU',
    request: { params: IdParams },
    responses: {
      200: { description: 'The record', schema: InvoiceVerifactu },
      404: problem('No such invoice, or it has no record (a draft, a non-Spanish issuer)'),
    },
  }),
  remedyVerifactuRecord: defineRoute({
    id: 'remedyVerifactuRecord',
    method: 'POST',
    path: '/v1/invoices/{id}/verifactu/remedy',
    entry: 'functions/verifactu/remedy-verifactu-record.ts',
    auth: 'tenant',
    access: readWrite,
    summary:
      'Correct the latest record AEAT rejected or accepted with errors (subsanación): a new registro de alta with Subsanacion = S, chained and queued',
    tag: 'VERI*FACTU',
    request: { params: IdParams, body: RemedyInput },
    responses: {
      201: { description: 'The invoice’s records, the correction last', schema: InvoiceVerifactu },
      404: problem('No such invoice, or it has no record'),
      409: problem(
        'The latest record is pending, accepted without errors, an annulment, or was corrected already',
      ),
    },
  }),
  listVerifactuRecords: defineRoute({
    id: 'listVerifactuRecords',
    method: 'GET',
    path: '/v1/verifactu/records',
    entry: 'functions/verifactu/list-verifactu-records.ts',
    auth: 'tenant',
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
    auth: 'tenant',
    roles: EVERYONE,
    access: read,
    summary: 'Recompute every huella and link of the tenant chain',
    tag: 'VERI*FACTU',
    responses: { 200: { description: 'The result', schema: ChainVerification } },
    timeoutSeconds: 60,
  }),
  listVerifactuSubmissions: defineRoute({
    id: 'listVerifactuSubmissions',
    method: 'GET',
    path: '/v1/verifactu/submissions',
    entry: 'functions/verifactu/list-verifactu-submissions.ts',
    auth: 'tenant',
    access: read,
    summary: 'The batches sent to AEAT, newest first, with their answers',
    tag: 'VERI*FACTU',
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of batches', schema: pageOf(SubmissionBatch) } },
  }),
  putVerifactuSubmitterCertificate: defineRoute({
    id: 'putVerifactuSubmitterCertificate',
    method: 'PUT',
    path: '/v1/verifactu/submitter-certificate',
    entry: 'functions/verifactu/put-verifactu-submitter-certificate.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: ['table:read', 'table:write', 'secrets:encrypt'],
    summary:
      "Upload the certificate (PKCS#12) that presents the tenant's records to AEAT over mutual TLS: its own or its representative's; the key is kept sealed",
    tag: 'VERI*FACTU',
    request: { body: SubmitterCertificateInput },
    responses: {
      200: { description: 'The certificate now presented', schema: SubmitterCertificate },
      400: problem('Not a PKCS#12 with one key and its current certificate, or a wrong password'),
    },
  }),
  getVerifactuSubmitterCertificate: defineRoute({
    id: 'getVerifactuSubmitterCertificate',
    method: 'GET',
    path: '/v1/verifactu/submitter-certificate',
    entry: 'functions/verifactu/get-verifactu-submitter-certificate.ts',
    auth: 'tenant',
    access: read,
    summary: 'Whether records can be presented to AEAT, and the certificate that does it',
    tag: 'VERI*FACTU',
    responses: { 200: { description: 'The certificate, if any', schema: SubmitterCertificate } },
  }),
} as const satisfies Record<string, RouteDef>;

export const verifactuTriggered = {
  submitVerifactuRecords: defineTriggered({
    id: 'submitVerifactuRecords',
    entry: 'functions/verifactu/submit-verifactu-records.ts',
    access: ['table:read', 'table:write', 'secrets:decrypt'],
    summary:
      "Sends each tenant's pending VERI*FACTU records to AEAT in batches of up to 1,000, honouring TiempoEsperaEnvio",
    trigger: {
      kind: 'schedule',
      expression: 'rate(1 minute)',
      timezone: 'UTC',
      input: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    timeoutSeconds: 300,
  }),
} as const satisfies Record<string, TriggeredDef>;
