import * as z from 'zod';
import { Claim } from './claims.ts';
import { Invoice } from './invoices.ts';

export const ClaimInvoices = z
  .object({
    insurer: Invoice.describe(
      "The insurer's invoice: the valuation's lines less a deduction line for the franchise",
    ),
    insured: Invoice.optional().describe(
      "The insured's invoice, for the franchise; absent when the valuation has none",
    ),
  })
  .describe(
    "A claim's two invoices, whose totals add up to the valuation's total to the cent " +
      '(see "How rounding is shared" in the README)',
  )
  .meta({ id: 'ClaimInvoices' });

export const IssuedClaimInvoices = ClaimInvoices.extend({
  claim: Claim.describe('The claim, `invoiced`'),
}).meta({ id: 'IssuedClaimInvoices' });
