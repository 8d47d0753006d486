import { defineRoute, type RouteDef } from '../route.ts';
import { Csd, CsdInput } from '../schemas/csd.ts';
import { ADMINS, problem, read } from './shared.ts';

/** Mexico: the tenant's CSD, which seals its CFDI. Spread into the route table in ../routes.ts. */
export const csdRoutes = {
  putCsd: defineRoute({
    id: 'putCsd',
    method: 'PUT',
    path: '/v1/csd',
    entry: 'functions/csd/put-csd.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: ['table:read', 'table:write', 'signing:import'],
    summary:
      "Upload the tenant's CSD (certificado de sello digital: SAT's `.cer`, the `.key` and its " +
      'password), which seals its CFDI: the key is imported into a KMS key of the tenant and the ' +
      'files and password discarded. It must be a CSD (not an e.firma), in force, and of the ' +
      "tenant's RFC. A new upload replaces the CSD that seals; the Facturae signing certificate " +
      '(PUT /v1/signing-certificate) is another thing and stays',
    tag: 'Tenant',
    request: { body: CsdInput },
    responses: {
      200: { description: 'The CSD now sealing', schema: Csd },
      400: problem(
        'Not a CSD (an e.firma, not SAT’s), not in force, a wrong password or a key of another ' +
          'certificate; `errors` names `certificate`, `key` or `password`',
      ),
      409: problem("The CSD's RFC is not the tenant's; `errors` names `certificate`"),
    },
    timeoutSeconds: 30,
  }),
  getCsd: defineRoute({
    id: 'getCsd',
    method: 'GET',
    path: '/v1/csd',
    entry: 'functions/csd/get-csd.ts',
    auth: 'tenant',
    access: read,
    summary: 'The CSD that seals the tenant’s CFDI',
    tag: 'Tenant',
    responses: {
      200: { description: 'The CSD', schema: Csd },
      404: problem('None uploaded yet'),
    },
  }),
} as const satisfies Record<string, RouteDef>;
