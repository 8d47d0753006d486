/**
 * The ONLY place item keys are built. Every access pattern of the single table is listed here, so
 * a reader sees the whole key design at once.
 *
 *   item            pk                               sk                  gsi1pk / gsi1sk
 *   tenant          TENANT#<t>                       PROFILE
 *   signing ident.  TENANT#<t>                       SIGNING              (certificates + KMS key ARN)
 *   CSD (Mexico)    TENANT#<t>                       CSD                  (SAT certificate + KMS key ARN)
 *   customer        TENANT#<t>                       CUSTOMER#<id>       TENANT#<t>#TAXID#<taxId> / CUSTOMER#<id>
 *   api key         APIKEY#<sha256>                  APIKEY              TENANT#<t>#APIKEYS / APIKEY#<id>
 *   product         TENANT#<t>                       PRODUCT#<id>
 *   product code    TENANT#<t>                       PRODUCTCODE#<code>   (uniqueness guard)
 *   tariff          TENANT#<t>                       TARIFF#<id>
 *   customer prices TENANT#<t>                       PRICES#<customerId>
 *   series          TENANT#<t>                       SERIES#<code>
 *   series counter  TENANT#<t>                       COUNTER#<code>#<year|all>
 *   invoice         TENANT#<t>                       INVOICE#<id>        gsi1: TENANT#<t>#INVOICES / <issueDate|draft>#<id>
 *     (an issued invoice also carries gsi2: INBOX#<buyer tax id> / <issueDate>#<t>#<id>: the buyer's inbox)
 *   chain head      TENANT#<t>                       VERIFACTU#HEAD       (last record: seq + link)
 *   billing record  TENANT#<t>                       VFREC#<seq, 12 digits> gsi1: TENANT#<t>#VFINV#<invoice> / <seq>
 *     (the chain head also carries gsi2: VFPENDING / <t>, set on every append, removed once sent)
 *   record sender   TENANT#<t>                       VERIFACTU#SENDER     (flow control, lease, last batch)
 *   sent batch      TENANT#<t>                       VFBATCH#<batch id>   (AEAT's answer and CSV)
 *   submitter cert. TENANT#<t>                       VERIFACTU#TLSCERT    (sealed key + certificates for mutual TLS with AEAT)
 *   idempotency     IDEMPOTENCY#<scope>#<key>        IDEMPOTENCY
 *   heartbeat       SYSTEM                           HEARTBEAT#<source>
 *
 * Areas added later list their items in keys/<area>.ts and are spread in below.
 */
export interface Key {
  pk: string;
  sk: string;
}

import { changeRequestsKeys } from './keys/change-requests.ts';
import { claimsKeys } from './keys/claims.ts';
import { connectorsKeys } from './keys/connectors.ts';
import { customerPortalKeys } from './keys/customer-portal.ts';
import { depositsKeys } from './keys/deposits.ts';
import { exchangeKeys } from './keys/exchange.ts';
import { invoicingPoliciesKeys } from './keys/invoicing-policies.ts';
import { recipientsKeys } from './keys/recipients.ts';
import { staffKeys } from './keys/staff.ts';
import { tasksKeys } from './keys/tasks.ts';
import { tenantPk } from './keys/tenant.ts';
import { ticketsKeys } from './keys/tickets.ts';
import { verifactuKeys } from './keys/verifactu.ts';
import { webhooksKeys } from './keys/webhooks.ts';

export const keys = {
  tenant: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: 'PROFILE' }),
  signingIdentity: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: 'SIGNING' }),
  csdIdentity: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: 'CSD' }),

  customer: (tenantId: string, id: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `CUSTOMER#${id}`,
  }),
  customerPrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'CUSTOMER#' }),
  customerByTaxId: (tenantId: string, taxId: string, id: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#TAXID#${taxId}`,
    gsi1sk: `CUSTOMER#${id}`,
  }),

  apiKey: (hash: string): Key => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' }),
  apiKeyOfTenant: (tenantId: string, id: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#APIKEYS`,
    gsi1sk: `APIKEY#${id}`,
  }),

  product: (tenantId: string, id: string): Key => ({ pk: tenantPk(tenantId), sk: `PRODUCT#${id}` }),
  productPrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'PRODUCT#' }),
  productCode: (tenantId: string, code: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `PRODUCTCODE#${code}`,
  }),
  tariff: (tenantId: string, id: string): Key => ({ pk: tenantPk(tenantId), sk: `TARIFF#${id}` }),
  tariffPrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'TARIFF#' }),
  customerPrices: (tenantId: string, customerId: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `PRICES#${customerId}`,
  }),

  series: (tenantId: string, code: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `SERIES#${code}`,
  }),
  seriesPrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'SERIES#' }),
  /** One counter per series and numbering period (the year when the series resets yearly). */
  seriesCounter: (tenantId: string, code: string, period: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `COUNTER#${code}#${period}`,
  }),
  invoice: (tenantId: string, id: string): Key => ({ pk: tenantPk(tenantId), sk: `INVOICE#${id}` }),
  /** Lists newest first (descending): drafts, then issued invoices by issue date and id. */
  invoiceByDate: (tenantId: string, id: string, issueDate: string | undefined) => ({
    gsi1pk: `${tenantPk(tenantId)}#INVOICES`,
    gsi1sk: `${issueDate ?? 'DRAFT'}#${id}`,
  }),
  /** An issued invoice in its buyer's inbox, across issuers, newest last. */
  invoiceInInbox: (buyerTaxId: string, issueDate: string, tenantId: string, id: string) => ({
    gsi2pk: `INBOX#${buyerTaxId}`,
    gsi2sk: `${issueDate}#${tenantId}#${id}`,
  }),
  inbox: (buyerTaxId: string) => ({ gsi2pk: `INBOX#${buyerTaxId}` }),

  chainHead: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: 'VERIFACTU#HEAD' }),
  /** Zero-padded so records sort in generation order. */
  chainRecord: (tenantId: string, seq: number): Key => ({
    pk: tenantPk(tenantId),
    sk: `VFREC#${String(seq).padStart(12, '0')}`,
  }),
  chainRecordPrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'VFREC#' }),
  chainRecordOfInvoice: (tenantId: string, invoiceId: string, seq: number) => ({
    gsi1pk: `${tenantPk(tenantId)}#VFINV#${invoiceId}`,
    gsi1sk: String(seq).padStart(12, '0'),
  }),
  /**
   * Sparse: only chain heads with records not yet sent are in it, so the sender's sweep reads
   * those tenants only. One partition for all tenants; shard the pk if appends ever near its
   * write limit (about 1,000 per second).
   */
  tenantWithPendingRecords: (tenantId: string) => ({ gsi2pk: 'VFPENDING', gsi2sk: tenantId }),
  tenantsWithPendingRecords: () => ({ gsi2pk: 'VFPENDING' }),
  recordSender: (tenantId: string): Key => ({ pk: tenantPk(tenantId), sk: 'VERIFACTU#SENDER' }),
  /** Batch ids sort by creation time, so the newest batch is the last key. */
  submissionBatch: (tenantId: string, id: string): Key => ({
    pk: tenantPk(tenantId),
    sk: `VFBATCH#${id}`,
  }),
  submissionBatchPrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'VFBATCH#' }),

  idempotency: (scope: string): Key => ({ pk: `IDEMPOTENCY#${scope}`, sk: 'IDEMPOTENCY' }),

  heartbeat: (source: string): Key => ({ pk: 'SYSTEM', sk: `HEARTBEAT#${source}` }),

  ...verifactuKeys,
  ...exchangeKeys,
  ...recipientsKeys,
  ...staffKeys,
  ...webhooksKeys,
  ...tasksKeys,
  ...ticketsKeys,
  ...depositsKeys,
  ...connectorsKeys,
  ...changeRequestsKeys,
  ...invoicingPoliciesKeys,
  ...customerPortalKeys,
  ...claimsKeys,
} as const;

/** Strips key and index attributes from an item before mapping it to a domain object. */
export function withoutKeys<T extends Record<string, unknown>>(item: T) {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    expiresAt: _e,
    ...rest
  } = item;
  return rest;
}
