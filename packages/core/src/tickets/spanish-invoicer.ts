import { createCustomer } from '../customers/create-customer.ts';
import type { Customer, CustomerRepository } from '../customers/customer.ts';
import { type FieldError, UnprocessableError, ValidationError } from '../errors.ts';
import type { InvoiceRequest, KnownParties } from '../invoices/create-invoice.ts';
import type { LineRequest } from '../invoices/lines.ts';
import type { Invoice } from '../invoices/model.ts';
import { Dec } from '../money/decimal.ts';
import { identifyParty } from '../parties/identify.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { SelfInvoicingConcept } from '../settings/self-invoicing.ts';
import { todayIn } from '../shared/dates.ts';
import { computeInvoice } from '../taxes/compute.ts';
import type { LineTax } from '../taxes/model.ts';
import type { Ticket, TicketTax } from './model.ts';
import type { BuyerInput, TicketInvoicer } from './self-invoicing.ts';

export interface SpanishInvoicerDeps {
  customers: CustomerRepository;
  clock: Clock;
  ids: IdGenerator;
  /** The buyer's draft, made and not stored (`draftInvoice`), from the parties read. */
  draftInvoice: (
    tenantId: string,
    request: InvoiceRequest,
    known: KnownParties,
  ) => Promise<Invoice>;
  /** Numbers that draft, writing it issued in the numbering transaction (`issueNewInvoice`). */
  issueNew: (draft: Invoice, parties: KnownParties) => Promise<Invoice>;
}

const countryOf = (buyer: BuyerInput) => buyer.address?.country ?? 'ES';

/**
 * Spanish tenants: the buyer's complete invoice in place of the simplified one the ticket was
 * (RD 1619/2012 art. 7.2 and 15). It is an ordinary invoice of the tenant's series, dated today,
 * with the sale day as its operation date, naming the ticket as the simplified invoice it
 * replaces, so its VERI*FACTU record is F3 with FacturasSustituidas (see the tickets README).
 * The buyer becomes (or is found as) a customer of the tenant by tax id, name and postal code.
 */
export const spanishTicketInvoicer = (deps: SpanishInvoicerDeps): TicketInvoicer => ({
  check({ buyer }) {
    const errors: FieldError[] = [];
    if (!buyer.address) {
      errors.push({
        path: 'buyer.address',
        message: 'A complete Spanish invoice carries the buyer’s address (street and city)',
      });
    }
    if (errors.length) throw new ValidationError('Incomplete buyer', errors);
    identifyParty(buyer.taxId, countryOf(buyer), {
      taxId: 'buyer.taxId',
      country: 'buyer.address.country',
    });
  },

  async issue({ tenant, settings, ticket, buyer, email, invoiceId, paymentDefaults }) {
    // A ticket carries no exchange rate, which an invoice in another currency needs; never relabel one.
    if (ticket.currency !== 'EUR') {
      throw new UnprocessableError(
        `Ticket ${ticket.reference} is in ${ticket.currency}; ask the company for its invoice`,
      );
    }
    const customer = await buyerCustomer(deps, tenant.id, buyer, email);
    const saleDay = todayIn(tenant.timezone, new Date(ticket.soldAt));
    return issueTicketDraft(deps, { tenant, customer, paymentDefaults }, ticket, {
      id: invoiceId,
      customerId: customer.id,
      ...(settings.seriesId ? { series: settings.seriesId } : {}),
      operationDate: saleDay,
      lines: linesOf(ticket, settings.concept),
      substitutes: [{ number: ticket.reference, issueDate: saleDay }],
    });
  },
});

/**
 * Makes the buyer's draft under the claimed id, checks it gives the ticket's total, and issues
 * it: what every jurisdiction's invoicer ends with. The draft is never stored: the numbering
 * transaction writes the issued invoice, so a redemption costs one write for its invoice, and the
 * parties are the ones this request read (the tenant by its company number, the buyer's customer
 * found or created).
 */
export async function issueTicketDraft(
  deps: Pick<SpanishInvoicerDeps, 'draftInvoice' | 'issueNew'>,
  known: KnownParties,
  ticket: Ticket,
  request: InvoiceRequest & { id: string },
): Promise<Invoice> {
  const draft = await deps.draftInvoice(known.tenant.id, request, known);
  if (!new Dec(draft.totals.total).equals(ticket.total)) {
    // Imports check that lines and breakdown give the total as the engine computes it.
    throw new Error(
      `Ticket ${ticket.reference} computes to ${draft.totals.total}, not ${ticket.total}`,
    );
  }
  return deps.issueNew(draft, known);
}

/** The tenant's customer for this buyer: one with the same tax id, name and postal code, or a new one. */
async function buyerCustomer(
  deps: SpanishInvoicerDeps,
  tenantId: string,
  buyer: BuyerInput,
  email: string,
): Promise<Customer> {
  const identity = identifyParty(buyer.taxId, countryOf(buyer));
  const same = (
    await deps.customers.list(tenantId, { limit: 50, taxId: identity.taxId })
  ).items.find(
    (c) =>
      c.name.trim().toLowerCase() === buyer.name.trim().toLowerCase() &&
      c.address.postalCode === buyer.postalCode,
  );
  if (same) return same;
  const address = buyer.address!;
  return createCustomer(deps)(tenantId, {
    taxId: buyer.taxId,
    name: buyer.name,
    email,
    address: {
      line1: address.line1,
      city: address.city,
      postalCode: buyer.postalCode,
      ...(address.province ? { province: address.province } : {}),
      country: countryOf(buyer),
    },
  });
}

/**
 * The invoice's lines: the ticket's own, or, with a generic concept (or a ticket without
 * lines), one line per tax rate of the ticket's breakdown, its base as the price, with the
 * recargo de equivalencia that rides on that base.
 */
export function linesOf(ticket: Ticket, concept: SelfInvoicingConcept | undefined): LineRequest[] {
  if (ticket.lines?.length && !concept) {
    return ticket.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      ...(l.discountRate ? { discountRate: l.discountRate } : {}),
      taxes: l.taxes,
    }));
  }
  const rows: TicketTax[] =
    ticket.taxes ?? computeInvoice(ticket.lines ?? []).breakdown.map(({ withheld: _w, ...r }) => r);
  const description = concept?.description ?? `Ticket ${ticket.reference}`;
  const main = rows.filter((r) => r.type === 'IVA' || r.type === 'IGIC');
  const riders = rows.filter((r) => r.type === 'RE' || r.type === 'IRPF');
  const lines = main.map((row) => ({
    description,
    quantity: '1',
    unitPrice: row.base,
    taxes: [taxOf(row)],
  }));
  for (const rider of riders) {
    // A rider goes on the line of its base; IRPF on one base only: a ticket rarely has it.
    const line = lines.find((l) => new Dec(l.unitPrice).equals(rider.base));
    if (!line) {
      throw new UnprocessableError(
        `Ticket ${ticket.reference}'s ${rider.type} has no base of its own to go with; ask the company`,
      );
    }
    line.taxes.push(taxOf(rider));
  }
  return lines;
}

const taxOf = (row: TicketTax): LineTax => ({
  type: row.type,
  rate: row.rate,
  ...(row.exemption ? { exemption: row.exemption } : {}),
  ...(row.notSubject ? { notSubject: row.notSubject } : {}),
});
