import { createCustomer } from '../customers/create-customer.ts';
import type { Customer } from '../customers/customer.ts';
import { type FieldError, ValidationError } from '../errors.ts';
import type { LineRequest } from '../invoices/lines.ts';
import { identifyParty } from '../parties/identify.ts';
import type { SelfInvoicingConcept } from '../settings/self-invoicing.ts';
import { todayIn } from '../shared/dates.ts';
import type { Ticket } from './model.ts';
import type { BuyerInput, TicketInvoicer } from './self-invoicing.ts';
import { issueTicketDraft, linesOf, type SpanishInvoicerDeps } from './spanish-invoicer.ts';

/** SAT's generic RFCs stand for buyers without one: a buyer asking for its own CFDI has its own. */
const GENERIC_RFCS = new Set(['XAXX010101000', 'XEXX010101000']);

/** SAT's keys for a sale described only by the ticket: "no existe en el catálogo", activity. */
const GENERIC_PRODUCT = '01010101';
const GENERIC_UNIT = 'ACT';

/**
 * Mexican tenants: the buyer's own CFDI for a ticket, stamped when issued (the invoice use case
 * seals it with the tenant's CSD and the PAC stamps it). The buyer types what its Constancia de
 * Situación Fiscal says — RFC, name, fiscal postal code, régimen — and the CFDI's use; the PAC
 * checks them against SAT's registry, so they are kept as typed.
 */
export const mexicanTicketInvoicer = (deps: SpanishInvoicerDeps): TicketInvoicer => ({
  check({ buyer }) {
    const errors: FieldError[] = [];
    if (GENERIC_RFCS.has(buyer.taxId.trim().toUpperCase())) {
      errors.push({ path: 'buyer.taxId', message: 'Type your own RFC, not a generic one' });
    }
    if (!buyer.taxRegime) {
      errors.push({
        path: 'buyer.taxRegime',
        message: 'Your régimen fiscal, as in your Constancia',
      });
    }
    if (!/^\d{5}$/.test(buyer.postalCode)) {
      errors.push({ path: 'buyer.postalCode', message: 'Your fiscal postal code: 5 digits' });
    }
    if (errors.length) throw new ValidationError('Incomplete buyer', errors);
    identifyParty(buyer.taxId, 'MX', { taxId: 'buyer.taxId', country: 'buyer.address.country' });
  },

  async issue({ tenant, settings, ticket, buyer, email, invoiceId, paymentDefaults }) {
    const customer = await buyerCustomer(deps, tenant.id, buyer, email);
    const saleDay = todayIn(tenant.timezone, new Date(ticket.soldAt));
    return issueTicketDraft(deps, { tenant, customer, paymentDefaults }, ticket, {
      id: invoiceId,
      customerId: customer.id,
      ...(settings.seriesId ? { series: settings.seriesId } : {}),
      operationDate: saleDay,
      cfdiUse: buyer.cfdiUse ?? 'G03',
      lines: mexicanLines(ticket, settings.concept),
    });
  },
});

/** The tenant's customer for this buyer (same RFC, name and postal code), or a new one. */
async function buyerCustomer(
  deps: SpanishInvoicerDeps,
  tenantId: string,
  buyer: BuyerInput,
  email: string,
): Promise<Customer> {
  const rfc = buyer.taxId.trim().toUpperCase();
  const same = (await deps.customers.list(tenantId, { limit: 50, taxId: rfc })).items.find(
    (c) =>
      c.name.trim().toLowerCase() === buyer.name.trim().toLowerCase() &&
      c.address.postalCode === buyer.postalCode &&
      c.taxRegime === buyer.taxRegime,
  );
  if (same) return same;
  // A CFDI carries only the buyer's fiscal postal code; the street is kept when given.
  return createCustomer(deps)(tenantId, {
    taxId: rfc,
    name: buyer.name,
    email,
    ...(buyer.taxRegime ? { taxRegime: buyer.taxRegime } : {}),
    address: {
      line1: buyer.address?.line1 ?? `C.P. ${buyer.postalCode}`,
      city: buyer.address?.city ?? 'México',
      postalCode: buyer.postalCode,
      ...(buyer.address?.province ? { province: buyer.address.province } : {}),
      country: 'MX',
    },
  });
}

/**
 * The CFDI's concepts: the ticket's lines with their SAT keys, or with a generic concept one
 * concept per tax rate under the concept's keys; SAT's generic keys where none were given.
 */
function mexicanLines(ticket: Ticket, concept: SelfInvoicingConcept | undefined): LineRequest[] {
  const own = ticket.lines?.length && !concept ? ticket.lines : undefined;
  return linesOf(ticket, concept).map((line, i) => ({
    ...line,
    satProductKey: own?.[i]?.satProductKey ?? concept?.satProductKey ?? GENERIC_PRODUCT,
    satUnitKey: own?.[i]?.satUnitKey ?? concept?.satUnitKey ?? GENERIC_UNIT,
    taxObject: line.taxes?.length ? '02' : '01',
  }));
}
