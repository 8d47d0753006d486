import { tenantPk } from './tenant.ts';

/**
 * Keys of the customer portal (a registered recipient acting as a tenant's customer). Part of
 * the one key design in ../keys.ts:
 *
 *   item          pk           sk                       gsi2pk / gsi2sk
 *   customer      (see keys.ts: TENANT#<t> / CUSTOMER#<id>)  CUSTOMERTAXID#<taxId> / <t>#<id>
 *   portal draft  TENANT#<t>   PORTALDRAFT#<invoiceId>
 *
 * The customer's gsi2 finds every tenant a tax id is a customer of (the suppliers a recipient
 * buys from) in one query; a tenant's customers by tax id stay on gsi1. Customers written before
 * this index existed enter it on their next change (see the README's note on backfill).
 * A portal draft says a draft was made by the customer itself, which the portal may show.
 */
export const customerPortalKeys = {
  customerAcrossTenants: (taxId: string, tenantId: string, customerId: string) => ({
    gsi2pk: `CUSTOMERTAXID#${taxId}`,
    gsi2sk: `${tenantId}#${customerId}`,
  }),
  portalDraft: (tenantId: string, invoiceId: string) => ({
    pk: tenantPk(tenantId),
    sk: `PORTALDRAFT#${invoiceId}`,
  }),
} as const;
