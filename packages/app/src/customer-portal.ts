import { DynamoCustomersByTaxId, DynamoPortalDraftRepository } from '@sello/aws';
import * as core from '@sello/core/customer-portal';
import { effectiveTreatment } from '@sello/core/deposits';
import { systemClock } from '@sello/core/ports';
import { jurisdictionOf } from '@sello/core/taxes';
import { createChangeRequest, listChangeRequests } from './change-requests.ts';
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

/** Made on first use: each function builds only the operations its route runs. */
const once = <T>(make: () => T) => {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
};

const create = once(createInvoice);
const update = once(updateInvoice);
// As the staff route: numbered, then handed to the post-issue step for its documents.
const issue = once(() => {
  const number = issueInvoice();
  const handOver = issuedHandOver();
  return async (tenantId: string, id: string) => {
    const invoice = await number(tenantId, id);
    await handOver([invoice]);
    return invoice;
  };
});
const document = once(getInvoiceDocument);
const correctCustomer = once(updateCustomer);
const askChange = once(createChangeRequest);
const listChanges = once(listChangeRequests);

function portalDeps(): core.CustomerPortalDeps {
  if (deps) return deps;
  const r = repositories();
  const [db, table] = [documentClient(), tableName()];
  deps = {
    customers: r.customers,
    customersByTaxId: new DynamoCustomersByTaxId(db, table),
    tenants: r.tenants,
    deposits: r.deposits,
    invoices: r.invoices,
    drafts: new DynamoPortalDraftRepository(db, table),
    // As a draft of deposits is made (see billDeposits): the customer's own, else the tenant's.
    treatmentOf: async (tenant, customer) =>
      effectiveTreatment(
        jurisdictionOf(tenant.address.country),
        (await r.settings.get(tenant.id))?.deposits,
        customer.depositTreatment,
      ),
    staff: {
      createInvoice: (...a) => create()(...a),
      updateInvoice: (...a) => update()(...a),
      issueInvoice: (...a) => issue()(...a),
      getInvoiceDocument: (...a) => document()(...a),
      updateCustomer: (...a) => correctCustomer()(...a),
      createChangeRequest: (...a) => askChange()(...a),
      listChangeRequests: (...a) => listChanges()(...a),
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
export const requestMyInvoiceChange = () => core.requestPortalChange(portalDeps());
export const listMyChangeRequests = () => core.listPortalChangeRequests(portalDeps());
