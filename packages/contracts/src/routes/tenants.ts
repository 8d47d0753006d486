import { defineRoute, type RouteDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import {
  ApiKey,
  ApiKeyInput,
  CreatedApiKey,
  SigningCertificate,
  SigningCertificateInput,
  TaxIdProofInput,
  Tenant,
  TenantPatch,
} from '../schemas/tenants.ts';

import { ADMINS, problem, read, readWrite } from './shared.ts';

export const tenantsRoutes = {
  getTenant: defineRoute({
    id: 'getTenant',
    method: 'GET',
    path: '/v1/tenant',
    entry: 'functions/tenants/get-tenant.ts',
    auth: 'tenant',
    access: read,
    summary: "The calling key's tenant",
    tag: 'Tenant',
    responses: {
      200: { description: 'The tenant; `ETag` carries its version', schema: Tenant },
    },
  }),
  updateTenant: defineRoute({
    id: 'updateTenant',
    method: 'PATCH',
    path: '/v1/tenant',
    entry: 'functions/tenants/update-tenant.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: readWrite,
    summary:
      'Change the company data (send `If-Match` to guard against lost updates). Invoices already ' +
      'issued keep the issuer as it was. A new tax id (or its country) drops the proof of the old ' +
      'one (`taxIdVerified` false until proven, at once if the signing certificate names it) and ' +
      'is refused once the tenant has issued invoices',
    tag: 'Tenant',
    request: { body: TenantPatch },
    responses: {
      200: { description: 'The tenant after the change', schema: Tenant },
      400: problem('Invalid input, e.g. a tax id whose check digits fail; `errors` names it'),
      409: problem(
        'The tax id cannot change: invoices were issued with it; `errors` names `taxId`',
      ),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  createApiKey: defineRoute({
    id: 'createApiKey',
    method: 'POST',
    path: '/v1/api-keys',
    entry: 'functions/tenants/create-api-key.ts',
    auth: 'tenant',
    roles: ADMINS,
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
    auth: 'tenant',
    roles: ADMINS,
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
    auth: 'tenant',
    roles: ADMINS,
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
    auth: 'tenant',
    roles: ADMINS,
    access: ['table:read', 'table:write', 'signing:import'],
    summary:
      "Upload the tenant's qualified certificate (PKCS#12): its key is imported into KMS and the file " +
      'discarded. A certificate whose holder is the tenant’s tax id (organizationIdentifier ' +
      '`VATES-…` or serialNumber `IDCES-…`) and that chains to a trusted CA also proves that tax ' +
      'id (see `taxIdProof` in GET /v1/tenant); `taxIdCheck` in the answer says whether it did, ' +
      'and why not. Any other certificate is taken too: it signs, it proves nothing',
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
    auth: 'tenant',
    access: read,
    summary: 'The certificate the tenant signs with',
    tag: 'Tenant',
    responses: {
      200: { description: 'The certificate', schema: SigningCertificate },
      404: problem('None uploaded yet (the platform default signs, where configured)'),
    },
  }),
  proveTaxId: defineRoute({
    id: 'proveTaxId',
    method: 'POST',
    path: '/v1/tenant/tax-id-proof',
    entry: 'functions/tenants/prove-tax-id.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: readWrite,
    summary:
      'Prove the tenant’s tax id with the two onboarding keys a recipient registers with (the key ' +
      'mailed with an invoice addressed to the tax id and the key its issuer handed over), both ' +
      'made by another issuer; the keys are spent and the inbox of the tax id opens. A tenant ' +
      'already proven is answered as it is. Failed attempts are rate limited',
    tag: 'Tenant',
    request: { body: TaxIdProofInput },
    responses: {
      200: { description: 'The tenant, with `taxIdProof`', schema: Tenant },
      403: problem(
        'A key is unknown, spent, expired, revoked, for another tax id or the tenant’s own; `errors` names it',
      ),
      429: problem('Too many failed attempts; see `Retry-After`'),
    },
  }),
} as const satisfies Record<string, RouteDef>;
