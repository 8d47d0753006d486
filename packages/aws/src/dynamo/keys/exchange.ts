import { tenantPk } from './tenant.ts';

/**
 * Keys of the exchange area (imports, inbox status changes). Part of the one key design in
 * ../keys.ts:
 *
 *   item              pk              sk                    notes
 *   imported number   TENANT#<t>      IMPORTNO#<number>     uniqueness guard: { invoiceId }, written
 *                                                           in one transaction with the invoice
 *
 * An imported invoice is an ordinary invoice item (keys.invoice, invoiceByDate, invoiceInInbox):
 * it lists with the tenant's invoices and lands in its buyer's inbox like one issued here. A
 * buyer's status change is written on that same item. The inbox itself is the gsi2 partition
 * `INBOX#<buyer tax id>` (keys.inbox), sorted by `<issueDate>#<t>#<invoice>`.
 */
export const exchangeKeys = {
  /** Numbers are unique per tenant among imports (they include their series, as printed). */
  importedNumber: (tenantId: string, number: string) => ({
    pk: tenantPk(tenantId),
    sk: `IMPORTNO#${number}`,
  }),
} as const;
