import type {
  Actor,
  ChangeRequest,
  ChangeRequestListQuery,
  ChangeRequestType,
} from '../change-requests/model.ts';
import type { Customer, CustomerPatch, CustomerRepository } from '../customers/customer.ts';
import type { Deposit, DepositListQuery, DepositRepository } from '../deposits/model.ts';
import type { DepositTreatment } from '../deposits/treatment.ts';
import type { InvoiceRepository } from '../invoices/invoice-repository.ts';
import type { Invoice } from '../invoices/model.ts';
import type { Clock } from '../ports/clock.ts';
import type { RecipientPrincipal } from '../recipients/principal.ts';
import type { Page } from '../shared/page.ts';
import type { Jurisdiction } from '../taxes/model.ts';
import type { Tenant, TenantRepository } from '../tenants/tenant.ts';

/**
 * The customer portal: a registered recipient acting as the customer of a tenant (its supplier).
 * Its customer record at a tenant is the tenant's oldest live customer whose tax id is the
 * recipient's: it only ever sees and acts on that record's deposits and invoices.
 */
export type PortalCaller = RecipientPrincipal;

/** A tenant the recipient buys from, as the recipient sees it. */
export interface Supplier {
  tenantId: string;
  name: string;
  taxId: string;
  /** The recipient's customer record there. */
  customerId: string;
  /** Whether it has any deposit there (the portal's movements list these first). */
  hasDeposits: boolean;
}

/** Customer records by tax id across tenants: which tenants a recipient is a customer of. */
export interface CustomersByTaxId {
  /** Live customers whose tax id is `taxId`, in every tenant, oldest first within a tenant. */
  list(taxId: string): Promise<Customer[]>;
}

/**
 * Drafts a recipient made in the portal. A recipient sees its issued invoices and the drafts it
 * made itself, never a draft the tenant's staff are still preparing for it.
 */
export interface PortalDraft {
  tenantId: string;
  invoiceId: string;
  customerId: string;
  recipientId: string;
  createdAt: string;
}

export interface PortalDraftRepository {
  record(draft: PortalDraft): Promise<void>;
  get(tenantId: string, invoiceId: string): Promise<PortalDraft | undefined>;
}

/** What the deposits' figures are computed with: the same inputs the draft is made from. */
export type TreatmentOf = (tenant: Tenant, customer: Customer) => Promise<DepositTreatment>;

/** The tenant-side use cases the portal's operations call (the staff routes' own). */
export interface StaffOperations {
  createInvoice(
    tenantId: string,
    request: { customerId: string; depositIds: string[]; depositsRead?: Deposit[] },
  ): Promise<Invoice>;
  updateInvoice(
    tenantId: string,
    id: string,
    patch: Record<string, unknown>,
    expectedVersion?: number,
  ): Promise<Invoice>;
  issueInvoice(tenantId: string, id: string): Promise<Invoice>;
  getInvoiceDocument(
    tenantId: string,
    id: string,
    format: string,
  ): Promise<{ invoice: Invoice; bytes: Uint8Array; contentType: string }>;
  updateCustomer(tenantId: string, id: string, patch: CustomerPatch): Promise<Customer>;
  createChangeRequest(
    tenantId: string,
    invoiceId: string,
    input: { type: ChangeRequestType; message: string },
    requestedBy: Actor,
  ): Promise<ChangeRequest>;
  listChangeRequests(tenantId: string, query: ChangeRequestListQuery): Promise<Page<ChangeRequest>>;
}

export interface CustomerPortalDeps {
  customers: Pick<CustomerRepository, 'list'>;
  customersByTaxId: CustomersByTaxId;
  tenants: Pick<TenantRepository, 'get'>;
  deposits: Pick<DepositRepository, 'get' | 'getMany' | 'list'>;
  invoices: Pick<InvoiceRepository, 'get' | 'list'>;
  drafts: PortalDraftRepository;
  treatmentOf: TreatmentOf;
  staff: StaffOperations;
  clock: Clock;
}

/** The recipient's standing at one supplier: the tenant and its own customer record there. */
export interface CustomerAt {
  tenant: Tenant;
  customer: Customer;
}

export type PortalDepositQuery = Omit<DepositListQuery, 'customerId'>;

/** A page of the recipient's deposits, with what their invoice's figures are computed from. */
export interface PortalDepositPage {
  items: Deposit[];
  nextCursor?: string;
  treatment: DepositTreatment;
  jurisdiction: Jurisdiction;
}

/** What a recipient may correct on its draft: its own fiscal data, and the concept. */
export interface DraftCorrection {
  buyer?: Pick<CustomerPatch, 'name' | 'address' | 'taxRegime'>;
  concept?: string;
}
