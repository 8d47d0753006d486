import { tenantPk } from './tenant.ts';

/**
 * Keys of the exchange area (imports, inbox status changes). Part of the one key design in
 * ../keys.ts:
 *
 *   item              pk              sk                    notes
 *   invoice number    TENANT#<t>      IMPORTNO#<number>     uniqueness guard: { invoiceId, origin },
 *                                                           written in one transaction with the
 *                                                           invoice by imports (conditionally) and
 *                                                           by issuing (origin 'issued')
 *
 * An imported invoice is an ordinary invoice item (keys.invoice, invoiceByDate, invoiceInInbox):
 * it lists with the tenant's invoices and lands in its buyer's inbox like one issued here. A
 * buyer's status change is written on that same item. The inbox itself is the gsi2 partition
 * `INBOX#<buyer tax id>` (keys.inbox), sorted by `<issueDate>#<t>#<invoice>`.
 */
export const exchangeKeys = {
  /**
   * The claim of a number (with its series, as printed) by one of the tenant's invoices: an
   * import takes it only if nothing holds it; issuing writes it unconditionally, since a number
   * its series gives must never be refused. `IMPORTNO#` because imports claimed numbers first.
   */
  invoiceNumber: (tenantId: string, number: string) => ({
    pk: tenantPk(tenantId),
    sk: `IMPORTNO#${number}`,
  }),
} as const;
