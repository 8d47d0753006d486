import { createCustomer } from '../customers/create-customer.ts';
import type { CustomerRepository } from '../customers/customer.ts';
import { type FieldError, UnprocessableError, ValidationError } from '../errors.ts';
import type { InvoiceRequest } from '../invoices/create-invoice.ts';
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
  createInvoice: (tenantId: string, request: InvoiceRequest) => Promise<Invoice>;
  issueInvoice: (tenantId: string, id: string) => Promise<Invoice>;
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

  async issue({ tenant, settings, ticket, buyer, email, invoiceId }) {
    // A ticket carries no exchange rate, which an invoice in another currency needs; never relabel one.
    if (ticket.currency !== 'EUR') {
      throw new UnprocessableError(
        `Ticket ${ticket.reference} is in ${ticket.currency}; ask the company for its invoice`,
      );
    }
    const customerId = await buyerCustomer(deps, tenant.id, buyer, email);
    const saleDay = todayIn(tenant.timezone, new Date(ticket.soldAt));
    return issueTicketDraft(deps, tenant.id, ticket, {
      id: invoiceId,
      customerId,
      ...(settings.seriesId ? { series: settings.seriesId } : {}),
      operationDate: saleDay,
      lines: linesOf(ticket, settings.concept),
      substitutes: [{ number: ticket.reference, issueDate: saleDay }],
    });
  },
});

/**
 * Makes the buyer's draft under the claimed id, checks it gives the ticket's total, and issues
 * it: what every jurisdiction's invoicer ends with.
 */
export async function issueTicketDraft(
  deps: Pick<SpanishInvoicerDeps, 'createInvoice' | 'issueInvoice'>,
  tenantId: string,
  ticket: Ticket,
  request: InvoiceRequest & { id: string },
): Promise<Invoice> {
  const draft = await deps.createInvoice(tenantId, request);
  if (!new Dec(draft.totals.total).equals(ticket.total)) {
    // Imports check that lines and breakdown give the total as the engine computes it.
    throw new Error(
      `Ticket ${ticket.reference} computes to ${draft.totals.total}, not ${ticket.total}`,
    );
  }
  return deps.issueInvoice(tenantId, request.id);
}

/** The tenant's customer for this buyer: one with the same tax id, name and postal code, or a new one. */
async function buyerCustomer(
  deps: SpanishInvoicerDeps,
  tenantId: string,
  buyer: BuyerInput,
  email: string,
): Promise<string> {
  const identity = identifyParty(buyer.taxId, countryOf(buyer));
  const same = (
    await deps.customers.list(tenantId, { limit: 50, taxId: identity.taxId })
  ).items.find(
    (c) =>
      c.name.trim().toLowerCase() === buyer.name.trim().toLowerCase() &&
      c.address.postalCode === buyer.postalCode,
  );
  if (same) return same.id;
  const address = buyer.address!;
  const customer = await createCustomer(deps)(tenantId, {
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
  return customer.id;
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
