import { tenantPk } from './tenant.ts';

/**
 * Keys of the tickets area (sales tickets and self-invoicing). Part of the one key design in
 * ../keys.ts:
 *
 *   item              pk                              sk        gsi1pk / gsi1sk
 *   ticket            TICKET#<t>#<reference>          TICKET    TENANT#<t>#TICKETS / <soldAt>#<reference>
 *   company number    SELFINVOICING#<number>          COMPANY   (uniqueness guard; names the tenant)
 *   document grant    DOCGRANT#<sha256(token)>        GRANT     (a buyer's download link; TTL `expiresAt`)
 *   global invoice    TENANT#<t>                      GLOBAL#<id>  (Mexico's factura global of a period)
 *   global tenant     GLOBALINVOICING                 TENANT#<t>   (tenants whose months are closed)
 *
 * One partition per ticket, not the tenant's: an import of 1,000 tickets spreads its writes
 * instead of hitting one partition's write limit, and the self-invoicing page finds a ticket by
 * (tenant, reference) in one GetItem. The tenant's list is the index, by sale instant (ISO
 * instants sort as text); its sort keys differ, so DynamoDB can split a hot tenant's range.
 */
export const ticketsKeys = {
  ticket: (tenantId: string, reference: string) => ({
    pk: `TICKET#${tenantId}#${reference}`,
    sk: 'TICKET',
  }),
  ticketBySale: (tenantId: string, soldAt: string, reference: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#TICKETS`,
    gsi1sk: `${soldAt}#${reference}`,
  }),
  /** Claimed with the tenant's settings, so one number names one tenant on the public page. */
  companyNumber: (companyNumber: string) => ({
    pk: `SELFINVOICING#${companyNumber}`,
    sk: 'COMPANY',
  }),
  documentGrant: (tokenHash: string) => ({ pk: `DOCGRANT#${tokenHash}`, sk: 'GRANT' }),
  globalInvoice: (tenantId: string, id: string) => ({
    pk: tenantPk(tenantId),
    sk: `GLOBAL#${id}`,
  }),
  globalInvoicePrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'GLOBAL#' }),
  globalTenant: (tenantId: string) => ({ pk: 'GLOBALINVOICING', sk: `TENANT#${tenantId}` }),
  globalTenantPrefix: () => ({ pk: 'GLOBALINVOICING', skPrefix: 'TENANT#' }),
} as const;
