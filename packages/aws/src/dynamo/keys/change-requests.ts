import { tenantPk } from './tenant.ts';

/**
 * Keys of the change-requests area (changes asked for issued invoices). Part of the one key design
 * in ../keys.ts:
 *
 *   item            pk           sk                               gsi1pk / gsi1sk                                 gsi2pk / gsi2sk
 *   change request  TENANT#<t>   CHANGEREQ#<id>                   TENANT#<t>#CHANGEREQ#<status> / <createdAt>#<id>  TENANT#<t>#INVOICE#<i>#CHANGEREQ / <createdAt>#<id>
 *   pending claim   TENANT#<t>   CHANGEREQ-PENDING#<invoice>#<type>  (names the request awaiting an outcome; deleted with its outcome)
 *
 * Ids are ulids, so the tenant's requests sort by creation under their sort-key prefix (the list
 * of every status). The queue is gsi1 by status (the key moves with the status), an invoice's
 * requests gsi2; both newest first. The claim makes "one pending request per invoice and type" a
 * condition of the write that creates the request.
 */
export const changeRequestsKeys = {
  changeRequest: (tenantId: string, id: string) => ({
    pk: tenantPk(tenantId),
    sk: `CHANGEREQ#${id}`,
  }),
  changeRequestPrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'CHANGEREQ#' }),
  changeRequestByStatus: (tenantId: string, status: string, createdAt: string, id: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#CHANGEREQ#${status}`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  changeRequestOfInvoice: (tenantId: string, invoiceId: string, createdAt: string, id: string) => ({
    gsi2pk: `${tenantPk(tenantId)}#INVOICE#${invoiceId}#CHANGEREQ`,
    gsi2sk: `${createdAt}#${id}`,
  }),
  pendingChangeRequest: (tenantId: string, invoiceId: string, type: string) => ({
    pk: tenantPk(tenantId),
    sk: `CHANGEREQ-PENDING#${invoiceId}#${type}`,
  }),
} as const;
