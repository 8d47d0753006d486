import { ConflictError, NotFoundError, RateLimitedError, UnprocessableError } from '../errors.ts';
import type { Invoice } from '../invoices/model.ts';
import { Dec } from '../money/decimal.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { AttemptCounter } from '../recipients/model.ts';
import type { SelfInvoicingLimit, SelfInvoicingSettings } from '../settings/self-invoicing.ts';
import { normalizeCompanyNumber } from '../settings/self-invoicing.ts';
import type { CompanyNumberDirectory, SettingsRepository } from '../settings/settings.ts';
import { todayIn } from '../shared/dates.ts';
import type { Tenant, TenantRepository } from '../tenants/tenant.ts';
import type { Ticket, TicketRepository } from './model.ts';

/** The buyer's tax data as typed on the public page. */
export interface BuyerInput {
  taxId: string;
  name: string;
  postalCode: string;
  /** Mexican buyers: c_RegimenFiscal. */
  taxRegime?: string;
  /** Mexican buyers: c_UsoCFDI of this invoice. */
  cfdiUse?: string;
  address?: { line1: string; city: string; province?: string; country?: string };
}

export interface RedemptionInput {
  reference: string;
  total: string;
  buyer: BuyerInput;
  email: string;
}

/** The jurisdictions self-invoicing knows: the tenant's country decides. */
export type Jurisdiction = 'ES' | 'MX';

export const jurisdictionOf = (tenant: Pick<Tenant, 'address'>): Jurisdiction =>
  tenant.address.country === 'MX' ? 'MX' : 'ES';

/**
 * How one jurisdiction turns a ticket into the buyer's invoice: the seam where Spanish tenants
 * issue a complete invoice replacing the simplified one (VERI*FACTU F3), and Mexican tenants
 * will issue a stamped CFDI. `check` refuses buyer data the invoice cannot carry before the
 * ticket is claimed; `issue` issues the invoice under the id given (the claim names it first).
 */
export interface TicketInvoicer {
  check(request: { tenant: Tenant; buyer: BuyerInput }): void;
  issue(request: {
    tenant: Tenant;
    settings: SelfInvoicingSettings;
    ticket: Ticket;
    buyer: BuyerInput;
    email: string;
    invoiceId: string;
    /** The tenant's defaults for payment terms, from the settings read (`null`: none). */
    paymentDefaults?: { iban?: string; terms?: string } | null;
  }): Promise<Invoice>;
}

/** Absolute, expiring links to one invoice's documents, for the buyer. */
export interface DocumentLinks {
  linksFor(
    tenantId: string,
    invoice: Invoice,
    jurisdiction: Jurisdiction,
  ): Promise<{ xml: string; pdf: string }>;
}

export interface SelfInvoicingDeps {
  directory: CompanyNumberDirectory;
  settings: Pick<SettingsRepository, 'get'>;
  tenants: Pick<TenantRepository, 'get'>;
  tickets: TicketRepository;
  attempts: AttemptCounter;
  clock: Clock;
  ids: IdGenerator;
  invoicers: Record<Jurisdiction, TicketInvoicer>;
  links: DocumentLinks;
  /** After the invoice is issued: its documents made, and the buyer e-mailed them. */
  delivered: (tenantId: string, invoice: Invoice, email: string) => Promise<void>;
  /**
   * Mexico: takes a ticket out of its stamped global (reissued without it, the old one cancelled
   * with 01) and then issues the buyer's invoice by `issue` (`invoiceFromGlobal`). Without it a
   * ticket in a global is refused.
   */
  fromGlobal?: (
    tenantId: string,
    reference: string,
    invoiceId: string,
    issue: () => Promise<Invoice>,
    /** An approval's late request, which must still await when the ticket is claimed. */
    lateRequestAt?: string,
  ) => Promise<{ invoice: Invoice }>;
}

/** Rate limits of the public page, per window: what a guesser gets before waiting. */
export const SELF_INVOICING_WINDOW_SECONDS = 15 * 60;
/** Per source address: a shop's customers share no address, a carrier's NAT does. */
export const SELF_INVOICING_PER_ADDRESS = 30;
/** Per ticket (company and reference): guessing one ticket's total. */
export const SELF_INVOICING_PER_TICKET = 10;
/** A claim pending longer than this belongs to a redemption that died before issuing. */
const STALE_CLAIM_MS = 2 * 60 * 1000;

const unknownCompany = (companyNumber: string) =>
  new NotFoundError('Self-invoicing company', companyNumber);

/** The tenant behind a company number whose self-invoicing is on; a 404 otherwise. */
async function companyOf(
  deps: Pick<SelfInvoicingDeps, 'directory' | 'settings' | 'tenants'>,
  number: string,
) {
  const companyNumber = normalizeCompanyNumber(number);
  const tenantId = await deps.directory.tenantOfCompanyNumber(companyNumber);
  const [settings, tenant] = tenantId
    ? await Promise.all([deps.settings.get(tenantId), deps.tenants.get(tenantId)])
    : [undefined, undefined];
  const section = settings?.selfInvoicing;
  if (!tenant || !section?.enabled || section.companyNumber !== companyNumber) {
    throw unknownCompany(companyNumber);
  }
  return { tenant, settings: section, paymentDefaults: settings?.payment ?? null };
}

/**
 * What the public page shows of a company: who it is and what the buyer types. Mexican buyers
 * give their régimen fiscal and the CFDI's use; Spanish ones their address.
 */
export const publicCompany =
  (deps: Pick<SelfInvoicingDeps, 'directory' | 'settings' | 'tenants'>) =>
  async (companyNumber: string) => {
    const { tenant, settings } = await companyOf(deps, companyNumber);
    const jurisdiction = jurisdictionOf(tenant);
    return {
      companyNumber: settings.companyNumber,
      name: tenant.name,
      taxId: tenant.taxId,
      country: tenant.address.country,
      jurisdiction,
      // Mexican tenants get a stamped CFDI once CFDI issuing is wired (see the tickets README).
      available: true,
      limit: settings.limit,
      afterLimit: settings.afterLimit,
      fields:
        jurisdiction === 'MX'
          ? [
              'reference',
              'total',
              'buyer.taxId',
              'buyer.name',
              'buyer.postalCode',
              'buyer.taxRegime',
              'buyer.cfdiUse',
              'email',
            ]
          : [
              'reference',
              'total',
              'buyer.taxId',
              'buyer.name',
              'buyer.address',
              'buyer.postalCode',
              'email',
            ],
    };
  };

/** The last calendar day (YYYY-MM-DD) a ticket sold on `saleDay` may be invoiced; none: no end. */
export function lastDayToInvoice(limit: SelfInvoicingLimit, saleDay: string): string | undefined {
  if (limit.kind === 'none') return undefined;
  const [y, m, d] = saleDay.split('-').map(Number) as [number, number, number];
  const end =
    limit.kind === 'naturalMonth'
      ? new Date(Date.UTC(y, m, 0)) // day 0 of the next month: the month's last day
      : new Date(Date.UTC(y, m - 1, d + limit.days));
  return end.toISOString().slice(0, 10);
}

/** Rate limiting of one attempt: both budgets taken first, given back when it did no harm. */
async function beginRedemption(
  deps: Pick<SelfInvoicingDeps, 'attempts' | 'clock'>,
  ticketSubject: string,
  sourceIp: string | undefined,
) {
  const now = deps.clock.now().getTime() / 1000;
  const window = SELF_INVOICING_WINDOW_SECONDS;
  const windowStart = Math.floor(now / window) * window;
  const budgets = [
    { subject: `selfinv:ip:${sourceIp ?? 'unknown'}`, limit: SELF_INVOICING_PER_ADDRESS },
    { subject: `selfinv:ticket:${ticketSubject}`, limit: SELF_INVOICING_PER_TICKET },
  ];
  // Both at once (one round trip): a budget taken while the other was spent is given back.
  const took = await Promise.all(
    budgets.map(({ subject, limit }) => deps.attempts.take(subject, windowStart, window, limit)),
  );
  const taken = budgets.filter((_, i) => took[i]).map((b) => b.subject);
  const giveBack = () =>
    Promise.all(taken.map((s) => deps.attempts.giveBack(s, windowStart))).then(() => undefined);
  if (taken.length < budgets.length) {
    await giveBack();
    throw new RateLimitedError(
      'Too many attempts; wait before trying again',
      Math.max(1, Math.ceil(windowStart + window - now)),
    );
  }
  return { harmless: giveBack };
}

export interface Redemption {
  invoice: Invoice;
  documents: { xml: string; pdf: string };
}

/** Past the limit, where the tenant takes late requests: recorded for its approval. */
export interface LateRedemption {
  lateRequest: { requestedAt: string; lastDay: string };
}

/**
 * The public redemption of a ticket: the buyer's complete invoice, issued once.
 *
 * Guessing: an unknown reference and a wrong total give the same 422 with the same words, so a
 * caller learns whether a ticket exists only by giving its total; only then does it learn that
 * the ticket was invoiced already (409) or is past its limit. Every attempt takes from two
 * budgets (per address and per ticket, windows in DynamoDB); attempts that matched a ticket
 * give them back, so only failed guesses count.
 *
 * Once: the ticket is claimed by one conditional write naming the invoice id before anything is
 * issued; concurrent redemptions lose that write and answer 409 naming the invoice. An issue
 * that fails releases the claim (the series number is only taken by a successful issue, so no
 * folio is burnt); a claim left pending by a redemption that died is taken over after two
 * minutes.
 */
export const redeemTicket =
  (deps: SelfInvoicingDeps) =>
  async (
    companyNumber: string,
    input: RedemptionInput,
    sourceIp: string | undefined,
  ): Promise<Redemption | LateRedemption> => {
    const { tenant, settings, paymentDefaults } = await companyOf(deps, companyNumber);
    const jurisdiction = jurisdictionOf(tenant);
    const invoicer = deps.invoicers[jurisdiction];
    // The ticket is read while the budgets are taken: nothing of it is told before they are.
    const [attempt, ticket] = await Promise.all([
      beginRedemption(deps, `${tenant.id}:${input.reference}`, sourceIp),
      deps.tickets.get(tenant.id, input.reference),
    ]);
    if (!ticket || !new Dec(ticket.total).equals(new Dec(input.total))) {
      throw new UnprocessableError('The total does not match the ticket with this reference', [
        {
          path: 'total',
          message:
            'Does not match the ticket with this reference: check both as printed on the ticket',
        },
      ]);
    }
    // Given back while the redemption goes on, and awaited before it answers. A give-back that
    // failed leaves one attempt counted against the address and the ticket, which is not worth
    // failing an issued invoice's answer for.
    const givenBack = attempt.harmless().catch(() => undefined);
    try {
      return await redeemMatched(deps, {
        tenant,
        settings,
        paymentDefaults,
        ticket,
        input,
        invoicer,
      });
    } finally {
      await givenBack;
    }
  };

/** The rest of a redemption whose reference and total matched a ticket. */
async function redeemMatched(
  deps: SelfInvoicingDeps,
  {
    tenant,
    settings,
    paymentDefaults,
    ticket,
    input,
    invoicer,
  }: {
    tenant: Tenant;
    settings: SelfInvoicingSettings;
    paymentDefaults: { iban?: string; terms?: string } | null;
    ticket: Ticket;
    input: RedemptionInput;
    invoicer: TicketInvoicer;
  },
): Promise<Redemption | LateRedemption> {
  invoicer.check({ tenant, buyer: input.buyer });
  if (ticket.status === 'invoiced' && !(ticket.claimedAt && isStale(ticket, deps.clock))) {
    throw invoicedAlready(ticket);
  }
  if (!ticket.taxes?.length && !ticket.lines?.length) {
    throw new UnprocessableError(
      `Ticket ${ticket.reference} has no tax breakdown to invoice; ask the company`,
    );
  }
  const now = deps.clock.now();
  const last = lastDayToInvoice(settings.limit, todayIn(tenant.timezone, new Date(ticket.soldAt)));
  if (last && todayIn(tenant.timezone, now) > last) {
    if (settings.afterLimit === 'request') {
      const request = { buyer: input.buyer, email: input.email, requestedAt: now.toISOString() };
      if (!(await deps.tickets.requestLate(tenant.id, ticket.reference, request))) {
        throw new ConflictError(
          `A request to invoice ticket ${ticket.reference} already awaits the company`,
          [{ path: 'reference', message: 'A late request for this ticket awaits the company' }],
        );
      }
      return { lateRequest: { requestedAt: request.requestedAt, lastDay: last } };
    }
    throw new UnprocessableError(
      `The period to invoice ticket ${ticket.reference} ended on ${last}; ask the company`,
      [{ path: 'reference', message: `Could be invoiced until ${last}` }],
    );
  }
  // Past the limit a ticket in a global became a late request above; within it, only a
  // caller that may reissue the global (it seals and stamps) takes it out.
  if (ticket.status === 'global' && !deps.fromGlobal) {
    throw new ConflictError(
      `Ticket ${ticket.reference} is already in a global invoice; ask the company`,
    );
  }
  return invoiceTicket(deps, {
    tenant,
    settings,
    paymentDefaults,
    ticket,
    buyer: input.buyer,
    email: input.email,
  });
}

/**
 * The tenant approves a buyer's late request: the ticket is invoiced to the buyer it names, as a
 * redemption within the limit would have been.
 */
export const approveLateRequest =
  (deps: Omit<SelfInvoicingDeps, 'directory' | 'attempts'>) =>
  async (tenantId: string, reference: string): Promise<Redemption> => {
    const [tenant, settings, ticket] = await Promise.all([
      deps.tenants.get(tenantId),
      deps.settings.get(tenantId),
      deps.tickets.get(tenantId, reference),
    ]);
    if (!tenant || !ticket) throw new NotFoundError('Ticket', reference);
    const request = ticket.lateRequest;
    if (!request) {
      throw new ConflictError(`Ticket ${reference} has no late request to approve`);
    }
    if (ticket.status !== 'open' && !(ticket.status === 'global' && deps.fromGlobal)) {
      throw invoicedAlready(ticket);
    }
    const section = settings?.selfInvoicing;
    if (!section) throw new ConflictError('Self-invoicing is not set up');
    return invoiceTicket(deps, {
      tenant,
      settings: section,
      paymentDefaults: settings?.payment ?? null,
      ticket,
      buyer: request.buyer,
      email: request.email,
      lateRequestAt: request.requestedAt,
    });
  };

/** Claims the ticket, issues its invoice through the tenant's jurisdiction, and delivers it. */
async function invoiceTicket(
  deps: Omit<SelfInvoicingDeps, 'directory' | 'attempts'>,
  request: {
    tenant: Tenant;
    settings: SelfInvoicingSettings;
    paymentDefaults: { iban?: string; terms?: string } | null;
    ticket: Ticket;
    buyer: BuyerInput;
    email: string;
    /** An approval: the late request of then must still await (a decline meanwhile wins). */
    lateRequestAt?: string;
  },
): Promise<Redemption> {
  const { tenant, ticket } = request;
  const jurisdiction = jurisdictionOf(tenant);
  const invoicer = deps.invoicers[jurisdiction];
  const now = deps.clock.now();
  const invoiceId = deps.ids.next('inv');
  if (ticket.status === 'global' && deps.fromGlobal) {
    // Out of the global first (SAT's order), then the buyer's invoice; see invoiceFromGlobal.
    const { invoice } = await deps.fromGlobal(
      tenant.id,
      ticket.reference,
      invoiceId,
      () => invoicer.issue({ ...request, invoiceId }),
      request.lateRequestAt,
    );
    await deps.delivered(tenant.id, invoice, request.email);
    return { invoice, documents: await deps.links.linksFor(tenant.id, invoice, jurisdiction) };
  }
  const at = now.toISOString();
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  const claimed = await deps.tickets.claim(
    tenant.id,
    ticket.reference,
    invoiceId,
    at,
    staleBefore,
    request.lateRequestAt,
  );
  if (!claimed) {
    const holder = await deps.tickets.get(tenant.id, ticket.reference);
    if (request.lateRequestAt && holder?.status === 'open') {
      throw new ConflictError(
        `The late request of ticket ${ticket.reference} was declined meanwhile`,
      );
    }
    throw invoicedAlready(holder ?? ticket);
  }
  let invoice: Invoice;
  try {
    invoice = await invoicer.issue({ ...request, invoiceId });
  } catch (e) {
    await deps.tickets.release(tenant.id, ticket.reference, invoiceId);
    throw e;
  }
  // Independent writes, at once: the claim confirmed, the hand-overs, the buyer's links.
  const [, , documents] = await Promise.all([
    deps.tickets.confirm(tenant.id, ticket.reference, invoiceId),
    deps.delivered(tenant.id, invoice, request.email),
    deps.links.linksFor(tenant.id, invoice, jurisdiction),
  ]);
  return { invoice, documents };
}

const isStale = (ticket: Ticket, clock: Clock) =>
  !!ticket.claimedAt && Date.parse(ticket.claimedAt) < clock.now().getTime() - STALE_CLAIM_MS;

function invoicedAlready(ticket: Ticket) {
  return new ConflictError(
    `Ticket ${ticket.reference} is already invoiced${ticket.invoiceId ? ` (invoice ${ticket.invoiceId})` : ''}`,
    [
      {
        path: 'reference',
        message: ticket.invoiceId ? `Already invoiced: ${ticket.invoiceId}` : 'Already invoiced',
      },
    ],
  );
}
