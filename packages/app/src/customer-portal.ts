import { DynamoCustomersByTaxId, DynamoPortalDraftRepository } from '@sello/aws';
import * as core from '@sello/core/customer-portal';
import { effectiveTreatment } from '@sello/core/deposits';
import { systemClock } from '@sello/core/ports';
import { jurisdictionOf } from '@sello/core/taxes';
import { documentClient } from './clients.ts';
import { tableName } from './config.ts';
import { updateCustomer } from './customers.ts';
import {
  createInvoice,
  getInvoiceDocument,
  issuedHandOver,
  issueInvoice,
  updateInvoice,
} from './invoices.ts';
import { repositories } from './repositories.ts';

/**
 * The customer portal's operations: a registered recipient on its own deposits and invoices at
 * a tenant, each through the very use case the tenant's staff routes run.
 */
let deps: core.CustomerPortalDeps | undefined;

function portalDeps(): core.CustomerPortalDeps {
  if (deps) return deps;
  const r = repositories();
  const [db, table] = [documentClient(), tableName()];
  const issue = issueInvoice();
  const handOver = issuedHandOver();
  deps = {
    customers: r.customers,
    customersByTaxId: new DynamoCustomersByTaxId(db, table),
    tenants: r.tenants,
    deposits: r.deposits,
    invoices: r.invoices,
    drafts: new DynamoPortalDraftRepository(db, table),
    treatmentOf: async (tenant) =>
      effectiveTreatment(jurisdictionOf(tenant.address.country), undefined, undefined),
    staff: {
      createInvoice: createInvoice() as unknown as core.StaffOperations['createInvoice'],
      updateInvoice: updateInvoice(),
      // As the staff route: numbered, then handed to the post-issue step for its documents.
      issueInvoice: async (tenantId, id) => {
        const invoice = await issue(tenantId, id);
        await handOver([invoice]);
        return invoice;
      },
      getInvoiceDocument: getInvoiceDocument() as core.StaffOperations['getInvoiceDocument'],
      updateCustomer: updateCustomer(),
    },
    clock: systemClock,
  };
  return deps;
}

export const listMySuppliers = () => core.listSuppliers(portalDeps());
export const listMyDeposits = () => core.listPortalDeposits(portalDeps());
export const getMyDeposit = () => core.getPortalDeposit(portalDeps());
export const myDepositTotals = () => core.portalDepositTotals(portalDeps());
export const createMyInvoice = () => core.createPortalDraft(portalDeps());
export const listMyInvoices = () => core.listPortalInvoices(portalDeps());
export const getMyInvoice = () => core.getPortalInvoice(portalDeps());
export const correctMyInvoice = () => core.correctPortalDraft(portalDeps());
export const issueMyInvoice = () => core.issuePortalInvoice(portalDeps());
export const getMyInvoiceDocument = () => core.portalInvoiceDocument(portalDeps());
