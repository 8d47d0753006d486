import type { ChangeRequest, ChangeRequestType } from '../change-requests/model.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../errors.ts';
import type { Invoice } from '../invoices/model.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import { customerAt } from './customer-at.ts';
import { ownDeposits } from './deposits.ts';
import type {
  CustomerAt,
  CustomerPortalDeps,
  DraftCorrection,
  PortalCaller,
  Supplier,
} from './model.ts';

/**
 * The tenants the recipient is a customer of, those it has deposits with first, then by name.
 */
export const listSuppliers =
  (deps: Pick<CustomerPortalDeps, 'customersByTaxId' | 'tenants' | 'deposits'>) =>
  async (caller: PortalCaller): Promise<Supplier[]> => {
    const customers = await deps.customersByTaxId.list(caller.taxId);
    // Its record at each tenant is the oldest (see customerAt).
    const firstAt = new Map<string, (typeof customers)[number]>();
    for (const c of customers) {
      const seen = firstAt.get(c.tenantId);
      if (!seen || c.id < seen.id) firstAt.set(c.tenantId, c);
    }
    const suppliers = await Promise.all(
      [...firstAt.values()].map(async (customer): Promise<Supplier | undefined> => {
        const [tenant, deposits] = await Promise.all([
          deps.tenants.get(customer.tenantId),
          deps.deposits.list(customer.tenantId, { customerId: customer.id, limit: 1 }),
        ]);
        return tenant
          ? {
              tenantId: tenant.id,
              name: tenant.name,
              taxId: tenant.taxId,
              customerId: customer.id,
              hasDeposits: deposits.items.length > 0,
            }
          : undefined;
      }),
    );
    return suppliers
      .filter((s): s is Supplier => s !== undefined)
      .sort(
        (a, b) => Number(b.hasDeposits) - Number(a.hasDeposits) || a.name.localeCompare(b.name),
      );
  };

type Deps = CustomerPortalDeps;

/**
 * Whether the recipient may see the invoice: an invoice of its customer record that is issued
 * (or later), or a draft it made itself in the portal. A draft the tenant's staff are preparing
 * stays theirs until issued.
 */
async function visible(deps: Deps, at: CustomerAt, invoice: Invoice): Promise<boolean> {
  if (invoice.customerId !== at.customer.id) return false;
  if (invoice.status !== 'draft') return true;
  const draft = await deps.drafts.get(at.tenant.id, invoice.id);
  return draft?.customerId === at.customer.id;
}

/** One of the recipient's invoices at a supplier; any other is not found, alike. */
async function ownInvoice(deps: Deps, at: CustomerAt, id: string): Promise<Invoice> {
  const invoice = await deps.invoices.get(at.tenant.id, id);
  if (!invoice || !(await visible(deps, at, invoice))) throw new NotFoundError('Invoice', id);
  return invoice;
}

/** A draft of the recipient's own deposits, made by the tenant's own use case. */
export const createPortalDraft =
  (deps: Deps) => async (caller: PortalCaller, tenantId: string, depositIds: readonly string[]) => {
    const at = await customerAt(deps)(caller, tenantId);
    // Read once: the staff use case bills these instead of reading them again.
    const deposits = await ownDeposits(deps, at, depositIds);
    const invoice = await deps.staff.createInvoice(tenantId, {
      customerId: at.customer.id,
      depositIds: [...depositIds],
      depositsRead: deposits,
    });
    await deps.drafts.record({
      tenantId,
      invoiceId: invoice.id,
      customerId: at.customer.id,
      recipientId: caller.recipientId,
      createdAt: deps.clock.now().toISOString(),
    });
    return invoice;
  };

/** The recipient's invoices at a supplier (its own drafts included), newest first. */
export const listPortalInvoices =
  (deps: Deps) =>
  async (caller: PortalCaller, tenantId: string, page: PageRequest): Promise<Page<Invoice>> => {
    const at = await customerAt(deps)(caller, tenantId);
    const found = await deps.invoices.list(tenantId, { ...page, customerId: at.customer.id });
    const shown = await Promise.all(found.items.map((i) => visible(deps, at, i)));
    return { ...found, items: found.items.filter((_, i) => shown[i]) };
  };

export const getPortalInvoice =
  (deps: Deps) =>
  async (caller: PortalCaller, tenantId: string, id: string): Promise<Invoice> =>
    ownInvoice(deps, await customerAt(deps)(caller, tenantId), id);

/**
 * Corrects the recipient's draft: its own fiscal data (name, address, régimen; never its tax id,
 * which is who it is) is corrected on its customer record, so this invoice and the next ones
 * carry it, and the draft takes it again.
 */
export const correctPortalDraft =
  (deps: Deps) =>
  async (
    caller: PortalCaller,
    tenantId: string,
    id: string,
    correction: DraftCorrection,
    expectedVersion?: number,
  ): Promise<Invoice> => {
    const at = await customerAt(deps)(caller, tenantId);
    const invoice = await ownInvoice(deps, at, id);
    if (!correction.buyer && correction.concept === undefined) {
      throw new ValidationError('Nothing to correct', [
        { path: 'buyer', message: 'Give the buyer or the concept' },
      ]);
    }
    // Checked before the customer record changes: only a draft, at the version given.
    if (invoice.status !== 'draft') {
      throw new ConflictError(`Invoice ${invoice.number ?? id} is ${invoice.status}, not a draft`);
    }
    if (expectedVersion !== undefined && expectedVersion !== invoice.version) {
      throw new PreconditionFailedError(
        `Invoice ${id} is at version ${invoice.version}, not ${expectedVersion}`,
      );
    }
    if (correction.buyer) {
      await deps.staff.updateCustomer(tenantId, at.customer.id, correction.buyer);
    }
    // Any change to a draft takes the customer as it is now. A new concept makes its lines again;
    // without one, the language as it is changes nothing else (lines, and a concept given before,
    // stay).
    return deps.staff.updateInvoice(
      tenantId,
      id,
      correction.concept !== undefined
        ? { concept: correction.concept }
        : { language: invoice.language },
      expectedVersion,
    );
  };

/** Issues the recipient's draft with the tenant's own use case. */
export const issuePortalInvoice =
  (deps: Deps) =>
  async (caller: PortalCaller, tenantId: string, id: string): Promise<Invoice> => {
    const at = await customerAt(deps)(caller, tenantId);
    await ownInvoice(deps, at, id);
    return deps.staff.issueInvoice(tenantId, id);
  };

/** A document of one of the recipient's invoices (a draft's PDF preview, or the issued ones). */
export const portalInvoiceDocument =
  (deps: Deps) => async (caller: PortalCaller, tenantId: string, id: string, format: string) => {
    const at = await customerAt(deps)(caller, tenantId);
    await ownInvoice(deps, at, id);
    return deps.staff.getInvoiceDocument(tenantId, id, format);
  };

/**
 * Asks the supplier for a change to one of the recipient's issued invoices, through the change
 * requests' own use case: the request is the recipient's (its id; the customer's e-mail, where
 * the supplier has one, for support to answer).
 */
export const requestPortalChange =
  (deps: Deps) =>
  async (
    caller: PortalCaller,
    tenantId: string,
    invoiceId: string,
    input: { type: ChangeRequestType; message: string },
  ): Promise<ChangeRequest> => {
    const at = await customerAt(deps)(caller, tenantId);
    await ownInvoice(deps, at, invoiceId);
    return deps.staff.createChangeRequest(tenantId, invoiceId, input, {
      kind: 'recipient',
      id: caller.recipientId,
      ...(at.customer.email ? { email: at.customer.email } : {}),
    });
  };

/** The change requests of one of the recipient's invoices, newest first: to follow them. */
export const listPortalChangeRequests =
  (deps: Deps) =>
  async (caller: PortalCaller, tenantId: string, invoiceId: string): Promise<ChangeRequest[]> => {
    const at = await customerAt(deps)(caller, tenantId);
    await ownInvoice(deps, at, invoiceId);
    const page = await deps.staff.listChangeRequests(tenantId, { invoiceId, limit: 50 });
    return page.items;
  };
