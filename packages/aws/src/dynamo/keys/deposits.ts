import { tenantPk } from './tenant.ts';

/**
 * Keys of the deposits area (prepaid deposits to invoice). Part of the one key design in
 * ../keys.ts:
 *
 *   item      pk                           sk        gsi1pk / gsi1sk                              gsi2pk / gsi2sk
 *   deposit   DEPOSIT#<t>#<reference>      DEPOSIT   TENANT#<t>#DEPOSITS / <paidAt>#<reference>   TENANT#<t>#CUSTOMER#<c>#DEPOSITS / <paidAt>#<reference>
 *
 * One partition per deposit, as for tickets: an import of 1,000 spreads its writes, and a payment
 * notified again is found by (tenant, reference) in one GetItem. The tenant's list is gsi1, a
 * customer's (what its invoice and its policy pick from) gsi2, both by payment instant.
 */
export const depositsKeys = {
  deposit: (tenantId: string, reference: string) => ({
    pk: `DEPOSIT#${tenantId}#${reference}`,
    sk: 'DEPOSIT',
  }),
  depositByPayment: (tenantId: string, paidAt: string, reference: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#DEPOSITS`,
    gsi1sk: `${paidAt}#${reference}`,
  }),
  depositOfCustomer: (tenantId: string, customerId: string, paidAt: string, reference: string) => ({
    gsi2pk: `${tenantPk(tenantId)}#CUSTOMER#${customerId}#DEPOSITS`,
    gsi2sk: `${paidAt}#${reference}`,
  }),
} as const;
