import { defineRoute, type RouteDef } from '../route.ts';
import {
  Claim,
  ClaimDocument,
  ClaimDocumentParams,
  ClaimDocumentQuery,
  ClaimIdParams,
  ClaimInput,
  ClaimListQuery,
  ClaimPatch,
  Valuation,
  ValuationCsvQuery,
  ValuationInput,
  ValuationListQuery,
  ValuationParams,
} from '../schemas/claims.ts';
import { pageOf } from '../schemas/common.ts';
import { FIELD_WORK, problem, read, readWrite } from './shared.ts';

/** Routes of this area (claim files of workshop → insurer billing); spread into ../routes.ts. */
export const claimsRoutes = {
  createClaim: defineRoute({
    id: 'createClaim',
    method: 'POST',
    path: '/v1/claims',
    entry: 'functions/claims/create-claim.ts',
    auth: 'tenant',
    roles: FIELD_WORK,
    access: readWrite,
    summary:
      'Open a claim file: the insurer and the insured are customers of the tenant, the plate is ' +
      'stored upper case without spaces or dashes, the VIN checked; a claim number is unique per insurer',
    tag: 'Claims',
    request: { body: ClaimInput },
    responses: {
      201: { description: 'Opened', schema: Claim },
      400: problem('Invalid input, or an unknown customer or centre; `errors` names each field'),
      409: problem(
        'The insurer already has a claim with this number; `errors` names `claimNumber`',
      ),
    },
  }),
  listClaims: defineRoute({
    id: 'listClaims',
    method: 'GET',
    path: '/v1/claims',
    entry: 'functions/claims/list-claims.ts',
    auth: 'tenant',
    access: read,
    summary: 'List claim files, newest first, by status, insurer, plate and claim number',
    tag: 'Claims',
    request: { query: ClaimListQuery },
    responses: { 200: { description: 'A page of claims', schema: pageOf(Claim) } },
  }),
  getClaim: defineRoute({
    id: 'getClaim',
    method: 'GET',
    path: '/v1/claims/{id}',
    entry: 'functions/claims/get-claim.ts',
    auth: 'tenant',
    access: read,
    summary: 'Get a claim file, with its latest valuation version and the invoices billed from it',
    tag: 'Claims',
    request: { params: ClaimIdParams },
    responses: {
      200: { description: 'The claim; `ETag` carries its version', schema: Claim },
      404: problem('No such claim'),
    },
  }),
  updateClaim: defineRoute({
    id: 'updateClaim',
    method: 'PATCH',
    path: '/v1/claims/{id}',
    entry: 'functions/claims/update-claim.ts',
    auth: 'tenant',
    roles: FIELD_WORK,
    access: readWrite,
    summary:
      "Change a claim's policy, vehicle, centre or estimate, or close it (`status: closed`); " +
      'send `If-Match` to guard against lost updates',
    tag: 'Claims',
    request: { params: ClaimIdParams, body: ClaimPatch },
    responses: {
      200: { description: 'Changed', schema: Claim },
      400: problem('Invalid input; `errors` names each field'),
      404: problem('No such claim'),
      409: problem('The claim is closed'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  addClaimDocument: defineRoute({
    id: 'addClaimDocument',
    method: 'POST',
    path: '/v1/claims/{id}/documents',
    entry: 'functions/claims/add-claim-document.ts',
    auth: 'tenant',
    roles: FIELD_WORK,
    access: ['table:read', 'table:write', 'artifacts:write'],
    summary:
      'Link a file to a claim: a photo (PNG or JPEG) or the appraisal (PDF), the file itself as ' +
      'the body, at most 3 MiB; what it is is told by its bytes',
    tag: 'Claims',
    request: {
      params: ClaimIdParams,
      query: ClaimDocumentQuery,
      rawBody: {
        mediaTypes: ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'],
        description: 'The file, as its bytes',
      },
    },
    responses: {
      201: { description: 'Linked', schema: ClaimDocument },
      400: problem('Empty, or not a PDF, PNG or JPEG; `errors` says'),
      404: problem('No such claim'),
      413: problem('Larger than 3 MiB'),
    },
  }),
  listClaimDocuments: defineRoute({
    id: 'listClaimDocuments',
    method: 'GET',
    path: '/v1/claims/{id}/documents',
    entry: 'functions/claims/list-claim-documents.ts',
    auth: 'tenant',
    access: read,
    summary: "A claim's files, oldest first, each with the link it downloads from",
    tag: 'Claims',
    request: { params: ClaimIdParams },
    responses: {
      200: {
        description: 'The files',
        schema: pageOf(ClaimDocument).describe('All of them, on one page'),
      },
      404: problem('No such claim'),
    },
  }),
  getClaimDocument: defineRoute({
    id: 'getClaimDocument',
    method: 'GET',
    path: '/v1/claims/{id}/documents/{documentId}',
    entry: 'functions/claims/get-claim-document.ts',
    auth: 'tenant',
    access: ['table:read', 'artifacts:read'],
    summary: 'Download a file of a claim, as uploaded',
    tag: 'Claims',
    request: { params: ClaimDocumentParams },
    responses: {
      200: { description: 'The file (its own media type)', mediaType: 'application/octet-stream' },
      404: problem('No such claim or file'),
    },
  }),
  importValuation: defineRoute({
    id: 'importValuation',
    method: 'POST',
    path: '/v1/claims/{id}/valuations',
    entry: 'functions/claims/import-valuation.ts',
    auth: 'tenant',
    access: readWrite,
    summary:
      "Import a version of the appraiser's valuation, as JSON `ValuationInput` or as `text/csv` " +
      '(a header row, one line per row; version, franchise and tax rate as query parameters, ' +
      'see the README). Idempotent per claim and version: the same content answers 200 with the ' +
      'stored version; a new version must be the next one and carries what changed',
    tag: 'Claims',
    request: {
      params: ClaimIdParams,
      query: ValuationCsvQuery,
      rawBody: {
        mediaTypes: ['application/json', 'text/csv'],
        description: 'The valuation as JSON, or as CSV rows',
        json: ValuationInput,
      },
    },
    responses: {
      200: {
        description: 'This version was imported already, with this content',
        schema: Valuation,
      },
      201: { description: 'Imported; the claim is `valued` at this version', schema: Valuation },
      400: problem('Invalid valuation (e.g. `lines.3.quantity`, `franchise` above the total)'),
      404: problem('No such claim'),
      409: problem('This version exists with other content, or is not the next one (`version`)'),
      415: problem('Neither JSON nor CSV'),
    },
  }),
  listValuations: defineRoute({
    id: 'listValuations',
    method: 'GET',
    path: '/v1/claims/{id}/valuations',
    entry: 'functions/claims/list-valuations.ts',
    auth: 'tenant',
    access: read,
    summary:
      "A claim's valuation versions, oldest first, each with what changed; at most 20 a page " +
      '(a version of 250 lines with its changes may weigh a few hundred KB)',
    tag: 'Claims',
    request: { params: ClaimIdParams, query: ValuationListQuery },
    responses: {
      200: { description: 'A page of versions', schema: pageOf(Valuation) },
      404: problem('No such claim'),
    },
  }),
  getValuation: defineRoute({
    id: 'getValuation',
    method: 'GET',
    path: '/v1/claims/{id}/valuations/{version}',
    entry: 'functions/claims/get-valuation.ts',
    auth: 'tenant',
    access: read,
    summary: 'One version of a claim’s valuation',
    tag: 'Claims',
    request: { params: ValuationParams },
    responses: {
      200: { description: 'The version', schema: Valuation },
      404: problem('No such claim or version'),
    },
  }),
} as const satisfies Record<string, RouteDef>;
