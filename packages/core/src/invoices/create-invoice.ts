import { centreSnapshot } from '../centres/centres.ts';
import type { Customer } from '../customers/customer.ts';
import type { Deposit } from '../deposits/model.ts';
import type { Language } from '../parties/party.ts';
import { todayIn } from '../shared/dates.ts';
import { computeInvoice } from '../taxes/compute.ts';
import { jurisdictionOf } from '../taxes/rules.ts';
import type { Tenant } from '../tenants/tenant.ts';
import { invoiceCentre } from './centre.ts';
import type { InvoiceDeps } from './deps.ts';
import { billDeposits } from './from-deposits.ts';
import type { LineRequest } from './lines.ts';
import { chooseSeries } from './list-series.ts';
import type { DocumentSource, Invoice, PaymentTerms, SubstitutedInvoice } from './model.ts';
import { customerSnapshot, issuerSnapshot, loadParties } from './parties.ts';
import { invoiceTerms } from './terms.ts';

export interface InvoiceRequest {
  customerId: string;
  series?: string;
  /** ISO 4217; the tenant's accounting currency (EUR, MXN) unless given. */
  currency?: string;
  /** Required when `currency` is not the tenant's accounting currency. */
  exchangeRate?: string;
  /** Mexico: the buyer's c_UsoCFDI (defaulted from its régimen). */
  cfdiUse?: string;
  issueDate?: string;
  operationDate?: string;
  language?: Language;
  /** The lines; or none, with `depositIds`. */
  lines?: LineRequest[];
  /**
   * Prepaid deposits the invoice bills, instead of `lines`: its lines are made from them under
   * the deposit treatment (see `billDeposits`), and issuing marks them invoiced.
   */
  depositIds?: string[];
  /** With `depositIds`: the concept the lines are described with, instead of the treatment's. */
  concept?: string;
  /**
   * Set by the customer portal, never by API clients: the `depositIds` as it read them in this
   * request (checked the recipient's), so billing does not read them again.
   */
  depositsRead?: readonly Deposit[];
  payment?: PaymentTerms;
  notes?: string;
  /** Set by automatic tasks, never by API clients. */
  source?: DocumentSource;
  /** Set by self-invoicing, never by API clients: the tickets the invoice replaces. */
  substitutes?: SubstitutedInvoice[];
  /** Fixes the draft id (automatic tasks derive it from task, occurrence and customer). */
  id?: string;
  /**
   * The work centre it is made at: its name and address are printed, its series numbers the
   * draft unless `series` names one. Default: the only centre of `staffUserId`, if it has one.
   */
  centreId?: string;
  /** Set by the handler for a signed-in staff member, never by API clients: whose centre is the default. */
  staffUserId?: string;
}

/** A draft: computed and previewable, with no number until it is issued. */
export const createInvoice =
  (deps: InvoiceDeps) =>
  async (tenantId: string, input: InvoiceRequest): Promise<Invoice> =>
    persist(deps, await draftInvoice(deps)(tenantId, input));

/**
 * What a caller already read in this request, so drafting and issuing do not read it again: the
 * tenant and the (live) customer, and the settings' payment defaults (`null`: none set).
 */
export interface KnownParties {
  tenant: Tenant;
  customer: Customer;
  paymentDefaults?: { iban?: string; terms?: string } | null;
}

/** The draft `createInvoice` stores, made and not stored (see `issueNewInvoice`). */
export const draftInvoice =
  (deps: InvoiceDeps) =>
  async (tenantId: string, input: InvoiceRequest, known?: KnownParties): Promise<Invoice> => {
    const { tenant, customer } =
      known && known.customer.id === input.customerId
        ? known
        : await loadParties(deps, tenantId, input.customerId);
    const centre = await invoiceCentre(deps, tenantId, input);
    const series = await chooseSeries(deps)(tenantId, 'standard', input.series ?? centre?.series);
    const billing = input.depositIds
      ? await billDeposits(deps, customer, jurisdictionOf(tenant.address.country), {
          depositIds: input.depositIds,
          ...(input.depositsRead ? { read: input.depositsRead } : {}),
          ...(input.concept ? { concept: input.concept } : {}),
          ...(input.currency ? { currency: input.currency } : {}),
        })
      : undefined;
    const terms = invoiceTerms(tenant, customer, {
      ...input,
      ...(billing ? { currency: billing.currency } : {}),
    });
    const lines =
      billing?.lines ?? (await deps.resolveLines(tenantId, customer, input.lines ?? []));
    const computation = computeInvoice(lines, {
      currency: terms.currency,
      jurisdiction: terms.jurisdiction,
    });
    const defaults =
      known?.paymentDefaults !== undefined
        ? (known.paymentDefaults ?? undefined)
        : await deps.paymentDefaults?.(tenantId);
    const payment = withDefaults(
      input.payment ?? (billing ? { means: billing.means } : undefined),
      defaults,
    );
    const clock = deps.clock.now();
    const now = clock.toISOString();
    return {
      id: input.id ?? deps.ids.next('inv'),
      tenantId,
      status: 'draft',
      kind: 'standard',
      customerId: customer.id,
      series: series.code,
      issueDate: input.issueDate ?? todayIn(tenant.timezone, clock),
      ...(input.issueDate ? { issueDateFixed: true } : {}),
      ...(input.operationDate ? { operationDate: input.operationDate } : {}),
      currency: terms.currency,
      ...(terms.exchangeRate ? { exchangeRate: terms.exchangeRate } : {}),
      ...(terms.cfdiUse ? { cfdiUse: terms.cfdiUse } : {}),
      language: input.language ?? customer.language,
      issuer: issuerSnapshot(tenant),
      customer: customerSnapshot(customer),
      ...computation,
      ...(payment ? { payment } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
      ...(input.source ? { source: input.source } : {}),
      ...(centre ? { centre: centreSnapshot(centre) } : {}),
      ...(input.substitutes?.length ? { substitutes: input.substitutes } : {}),
      ...(billing ? { deposits: billing.deposits } : {}),
      events: [{ at: now, type: 'created' }],
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  };

/**
 * The draft's payment terms, completed from the tenant's settings: a transfer without an IBAN
 * gets the default IBAN, terms without text the default text; with nothing given, a default IBAN
 * makes it a transfer to that account.
 */
function withDefaults(
  given: PaymentTerms | undefined,
  defaults: { iban?: string; terms?: string } | undefined,
): PaymentTerms | undefined {
  if (!defaults) return given;
  const base: PaymentTerms | undefined =
    given ?? (defaults.iban ? { means: 'transfer' } : undefined);
  if (!base) return undefined;
  return {
    ...base,
    ...(base.means === 'transfer' && !base.iban && defaults.iban ? { iban: defaults.iban } : {}),
    ...(!base.terms && defaults.terms ? { terms: defaults.terms } : {}),
  };
}

async function persist(deps: InvoiceDeps, invoice: Invoice) {
  await deps.invoices.create(invoice);
  return invoice;
}
