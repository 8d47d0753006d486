import { defineRoute, type RouteDef, type TriggeredDef } from '../route.ts';
import { DocumentValidation } from '../schemas/documents.ts';
import { EVERYONE, problem, read } from './shared.ts';

/** Routes of this area; spread into the route table in ../routes.ts. */
export const documentsRoutes = {
  validateDocument: defineRoute({
    id: 'validateDocument',
    method: 'POST',
    path: '/v1/documents/validate',
    entry: 'functions/documents/validate-document.ts',
    auth: 'tenant',
    roles: EVERYONE,
    // Reads the API key only: the document is checked in memory and nothing is stored.
    access: read,
    summary:
      'Check a Facturae 3.2.x, UBL 2.1 or CII invoice sent as the raw XML body (application/xml or text/xml): totals, required fields, tax ids and the XAdES signature; nothing is stored',
    tag: 'Documents',
    request: {
      rawBody: {
        mediaTypes: ['application/xml', 'text/xml'],
        description: 'The invoice document, as its bytes (up to 5 MiB)',
      },
    },
    responses: {
      200: {
        description:
          'What the document says and what its checks found (`valid: false` is not an error)',
        schema: DocumentValidation,
      },
      400: problem('Empty, not well-formed XML, a DOCTYPE, or not an invoice format we read'),
      413: problem('Larger than 5 MiB'),
      415: problem('Not sent as application/xml or text/xml'),
    },
    timeoutSeconds: 15,
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const documentsTriggered = {} as const satisfies Record<string, TriggeredDef>;
