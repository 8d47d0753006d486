import * as z from 'zod';
import { ChangeRequest } from './change-requests.ts';
import { PageQuery, xmlText } from './common.ts';
import { CurrencyCode } from './currency.ts';
import { Address, CustomerInput } from './customers.ts';
import { Deposit, DepositListQuery } from './deposits.ts';
import { DocumentParams } from './invoices.ts';
import { Amount, TaxInput } from './money.ts';

/**
 * The customer portal: a registered recipient (its access token) acting as the customer of one
 * of its suppliers (a tenant whose customer has the recipient's tax id).
 */
const TenantId = z.string().min(1).max(64).describe("The supplier: the tenant's id");

export const SupplierParams = z.object({ tenantId: TenantId });
export const SupplierItemParams = z.object({
  tenantId: TenantId,
  id: z.string().min(1).max(200),
});
export const SupplierDocumentParams = DocumentParams.extend({ tenantId: TenantId });

export const Supplier = z
  .object({
    tenantId: z.string(),
    name: z.string(),
    taxId: z.string(),
    customerId: z.string().describe("The recipient's customer record at this supplier"),
    hasDeposits: z.boolean(),
  })
  .meta({ id: 'Supplier' });

export const SupplierList = z.object({ items: z.array(Supplier) }).meta({ id: 'SupplierList' });

export const PortalDepositQuery = DepositListQuery.omit({ customerId: true });

export const PortalDepositPage = z
  .object({
    items: z.array(Deposit),
    nextCursor: z.string().optional(),
    treatment: z
      .object({
        concept: z.string(),
        taxes: z.array(TaxInput),
        lines: z.enum(['perDeposit', 'grouped']),
        satProductKey: z.string().optional(),
        satUnitKey: z.string().optional(),
      })
      .describe('How these deposits are invoiced: `depositTotals` of a selection with it'),
    jurisdiction: z.enum(['ES', 'MX']),
  })
  .meta({ id: 'PortalDepositPage' });

const DepositIds = z
  .array(z.string().min(5).max(200))
  .min(1)
  .max(500)
  .describe('Deposits of yours, each once');

export const DepositSelection = z
  .object({ depositIds: DepositIds })
  .strict()
  .meta({ id: 'DepositSelection' });

export const PortalDepositTotals = z
  .object({
    count: z.number().int(),
    currency: CurrencyCode,
    net: Amount,
    tax: Amount,
    total: Amount,
    paid: Amount.describe('The deposits added up: what was paid'),
  })
  .meta({ id: 'PortalDepositTotals' });

export const PortalInvoiceQuery = PageQuery;

export const PortalDraftCorrection = z
  .object({
    buyer: z
      .object({
        name: CustomerInput.shape.name.optional(),
        address: Address.optional(),
        taxRegime: CustomerInput.shape.taxRegime,
      })
      .strict()
      .refine((b) => Object.keys(b).length > 0, { message: 'Give a field to correct' })
      .optional()
      .describe(
        'Your fiscal data as the supplier keeps it (this invoice and the next ones); your tax id is who you are and does not change here',
      ),
    concept: xmlText(z.string().trim().min(1).max(500))
      .optional()
      .describe("The invoice's concept, instead of the supplier's (its lines are made again)"),
  })
  .strict()
  .refine((c) => c.buyer !== undefined || c.concept !== undefined, {
    message: 'Give `buyer` or `concept`',
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ id: 'PortalDraftCorrection' });

export const MyChangeRequests = z
  .object({ items: z.array(ChangeRequest) })
  .meta({ id: 'MyChangeRequests' });
