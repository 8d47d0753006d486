import { defineRoute, type RouteDef } from '../route.ts';
import { ClaimInvoices, IssuedClaimInvoices } from '../schemas/claim-billing.ts';
import { ClaimIdParams } from '../schemas/claims.ts';
import { problem, readWrite } from './shared.ts';

/** Billing from a claim file (the franchise split); spread into ../routes.ts. */
export const claimBillingRoutes = {
  billClaim: defineRoute({
    id: 'billClaim',
    method: 'POST',
    path: '/v1/claims/{id}/invoices',
    entry: 'functions/claims/bill-claim.ts',
    auth: 'tenant',
    access: readWrite,
    summary:
      "Make the drafts of the claim's latest valuation: the insurer's (the valuation less the " +
      "franchise) and the insured's (the franchise), each naming the claim; previewed and " +
      'corrected as any draft. Asked again for the same version it answers the same drafts; a ' +
      'newer version replaces drafts not yet issued',
    tag: 'Claims',
    request: { params: ClaimIdParams },
    responses: {
      201: { description: 'The drafts, made now', schema: ClaimInvoices },
      200: { description: 'The drafts of this version, made before', schema: ClaimInvoices },
      400: problem('The valuation has more than one IVA or IGIC rate; `errors` names `taxes`'),
      404: problem('No such claim'),
      409: problem(
        'No valuation yet, the claim is closed, or the invoices of an older valuation are ' +
          'issued (correct them by rectification)',
      ),
    },
  }),
  issueClaimInvoices: defineRoute({
    id: 'issueClaimInvoices',
    method: 'POST',
    path: '/v1/claims/{id}/invoices/issue',
    entry: 'functions/claims/issue-claim-invoices.ts',
    auth: 'tenant',
    access: readWrite,
    invokes: ['processIssuedInvoices'],
    summary:
      "Issue the claim's two drafts together, each with its gapless number; asked again after " +
      'a failure it issues the one left. The claim becomes `invoiced`',
    tag: 'Claims',
    request: { params: ClaimIdParams },
    responses: {
      200: { description: 'Both invoices issued', schema: IssuedClaimInvoices },
      404: problem('No such claim'),
      409: problem(
        'No drafts of the latest valuation, a draft deleted, or totals that no longer add up to ' +
          "the valuation's (`errors` names `insurer` or `insured`); nothing is issued",
      ),
    },
    timeoutSeconds: 30,
  }),
} as const satisfies Record<string, RouteDef>;
