import * as core from '@sello/core/claims';
import { draftInvoice, issueInvoice } from '@sello/core/invoices';
import { systemClock } from '@sello/core/ports';
import { invoiceDeps, issuedHandOver } from './invoices.ts';
import { repositories, tenantJurisdiction } from './repositories.ts';

/**
 * Billing from a claim file: drafts made and issued by the invoices' own use cases (parties,
 * series, tax engine, gapless numbering), so a claim's invoices are invoices like any other.
 */
const billingDeps = (): core.ClaimBillingDeps => {
  const r = repositories();
  const invoices = invoiceDeps();
  return {
    claims: r.claims,
    valuations: r.valuations,
    customers: r.customers,
    invoices: r.invoices,
    draft: draftInvoice(invoices),
    // Spanish invoices: numbered here; signing and documents follow in processIssuedInvoices.
    issue: issueInvoice(invoices),
    jurisdiction: tenantJurisdiction,
    clock: systemClock,
  };
};

export const billClaim = () => core.billClaim(billingDeps());

export const issueClaimInvoices = () => core.issueClaimInvoices(billingDeps());

export { issuedHandOver };
