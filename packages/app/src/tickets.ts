import { triggered } from '@sello/contracts';
import { NotFoundError, UnprocessableError } from '@sello/core/errors';
import type { Invoice } from '@sello/core/invoices';
import * as invoices from '@sello/core/invoices';
import { systemClock, ulidIds } from '@sello/core/ports';
import * as core from '@sello/core/tickets';
import { logger } from '@sello/http';
import { cachedFor } from './cache.ts';
import { documentReader } from './documents.ts';
import { formats } from './formats.ts';
import { globalTenantDirectory, invoiceFromGlobal } from './global-invoices.ts';
import { cachedProfile, getInvoice, invoiceDeps, PROFILE_TTL_MS, sendInvoice } from './invoices.ts';
import { invoker } from './invoker.ts';
import { textMailer } from './mail.ts';
import { repositories } from './repositories.ts';

/** The tickets' operations, each on what it needs. */
const r = () => repositories();

/** Imports; a tenant importing MXN tickets is registered for the monthly global (Mexico). */
export const importTickets = () => {
  const run = core.importTickets({ tickets: r().tickets, clock: systemClock, ids: ulidIds });
  return async (...args: Parameters<typeof run>) => {
    const imported = await run(...args);
    if (imported.some((t) => t.ticket.currency === 'MXN')) {
      await globalTenantDirectory().register(args[0]);
    }
    return imported;
  };
};

export const getTicket = () => core.getTicket({ tickets: r().tickets });

export const listTickets = () => core.listTickets({ tickets: r().tickets });

let companyNumbers: ReturnType<typeof cachedFor<string | undefined>> | undefined;

/**
 * Who a company number names, and the tenant's profile, as this container last read them (five
 * seconds at most, see `cachedProfile`): the public page reads them on every attempt. The settings
 * are read afresh each time and must still carry the number, so a number moved to another tenant
 * or self-invoicing turned off is never served from here.
 */
const companies = () => {
  const settings = r().settings;
  companyNumbers ??= cachedFor(PROFILE_TTL_MS, (n) => settings.tenantOfCompanyNumber(n));
  const directory = companyNumbers;
  return {
    directory: { tenantOfCompanyNumber: (n: string) => directory.get(n) },
    settings,
    tenants: cachedProfile().tenants,
  };
};

/** The public page's view of a company number. */
export const publicCompany = () => core.publicCompany(companies());

/** What `stampCfdi` answers. */
type StampAnswer =
  | { status: 'stamped'; uuid?: string }
  | { status: 'pending' }
  | { status: 'refused'; code: string; message: string };

/**
 * Numbers the buyer's invoice (made in this request, never stored as a draft); a Mexican one is
 * then sealed and stamped by `stampCfdi`, called and awaited, so the answer carries the fiscal
 * folio while the public route itself holds no signing key nor the PAC's secret. An unreachable
 * PAC leaves it pending (the post-issue step stamps it); a refusal is the buyer's to fix (their
 * data as SAT registered it), with the PAC's words.
 */
function numberAndStamp() {
  const number = invoices.issueNewInvoice(invoiceDeps());
  const read = getInvoice();
  return async (draft: Invoice, parties: invoices.KnownParties): Promise<Invoice> => {
    const invoice = await number(draft, parties);
    const { tenantId, id } = invoice;
    if (!invoices.issuesCfdi(invoice)) return invoice;
    const stamp = await invoker().call<StampAnswer>(triggered.stampCfdi.id, {
      tenantId,
      invoiceId: id,
    });
    if (stamp.status === 'refused') {
      throw new UnprocessableError(stamp.message, [{ path: 'buyer', message: stamp.message }]);
    }
    return stamp.status === 'stamped' ? read(tenantId, id) : invoice;
  };
}

/**
 * The public redemption through the invoice use cases: Spanish tenants issue a complete invoice
 * replacing the ticket, Mexican ones a CFDI stamped when issued.
 */
function selfInvoicingDeps() {
  const invoicing = {
    customers: r().customers,
    clock: systemClock,
    ids: ulidIds,
    draftInvoice: invoices.draftInvoice(invoiceDeps()),
    issueNew: numberAndStamp(),
  };
  return {
    ...companies(),
    tickets: r().tickets,
    attempts: r().attempts,
    clock: systemClock,
    ids: ulidIds,
    invoicers: {
      ES: core.spanishTicketInvoicer(invoicing),
      MX: core.mexicanTicketInvoicer(invoicing),
    },
    links: core.grantedLinks({ grants: r().documentGrants, formats, clock: systemClock }),
    delivered: async (tenantId: string, invoice: Invoice, email: string) => {
      // Documents first (signed and stored), then the buyer's mail, both after the answer: the
      // post-issue step hands the mail over once it has run, so the mail attaches the stored
      // documents instead of making them a second time (a second KMS signature, S3 write).
      const invoiceId = invoice.id;
      await invoker()
        .handOver(triggered.processIssuedInvoices.id, {
          tenantId,
          invoiceIds: [invoiceId],
          thenSendTo: email,
        })
        .catch(async (error) => {
          // The invoice is issued: a failed hand-over is logged, not answered (the links work),
          // and the mail goes by itself, making the documents it attaches.
          logger.error('post-issue step not started; the mail makes the documents', {
            tenantId,
            invoiceId,
            error,
          });
          await invoker()
            .handOver(triggered.sendSelfInvoice.id, { tenantId, invoiceId, email })
            .catch((failed) =>
              logger.error('could not hand the self-invoice mail over', {
                tenantId,
                invoiceId,
                error: failed,
              }),
            );
        });
    },
  } satisfies core.SelfInvoicingDeps;
}

/** The public redemption (see `selfInvoicingDeps`). */
export const redeemTicket = () => core.redeemTicket(selfInvoicingDeps());

/**
 * Mexico: a ticket already in a global is taken out of it (reissue related 04, the old one
 * cancelled with 01) before the buyer's invoice. That seals and cancels at the PAC, so only the
 * tenant's approval does it; the public page records a late request for such a ticket.
 */
const withGlobals = () => ({
  ...selfInvoicingDeps(),
  fromGlobal: ((tenantId, reference, invoiceId, issue, lateRequestAt) =>
    invoiceFromGlobal()(
      tenantId,
      reference,
      invoiceId,
      issue,
      lateRequestAt,
    )) satisfies core.SelfInvoicingDeps['fromGlobal'],
});

/** The tenant approves a late request (by ticket id). */
export const approveLateRequest = () => {
  const approve = core.approveLateRequest(withGlobals());
  return (tenantId: string, id: string) => {
    const reference = core.referenceOfId(id);
    if (reference === undefined) throw new NotFoundError('Ticket', id);
    return approve(tenantId, reference);
  };
};

/** The tenant declines a late request (by ticket id): the buyer is mailed the reason. */
export const declineLateRequest = () => {
  const decline = core.declineLateRequest({
    tickets: r().tickets,
    tenants: r().tenants,
    mailer: textMailer(),
    clock: systemClock,
  });
  return (tenantId: string, id: string, reason: string) => {
    const reference = core.referenceOfId(id);
    if (reference === undefined) throw new NotFoundError('Ticket', id);
    return decline(tenantId, reference, reason);
  };
};

/** A document by the token of a buyer's link: undefined when unknown or expired. */
export const publicDocument = () => {
  const open = core.openGrant({ grants: r().documentGrants, clock: systemClock });
  const read = invoices.getInvoiceDocument({ invoices: r().invoices, ...documentReader() });
  return async (token: string) => {
    const grant = await open(token);
    if (!grant) return undefined;
    const format = grant.format as invoices.InvoiceDocumentFormat;
    return { ...(await read(grant.tenantId, grant.invoiceId, format)), format };
  };
};

/**
 * E-mails a self-invoiced invoice to the buyer's address, once: an invoke delivered again (or a
 * post-issue step retried) finds it sent there and sends nothing.
 */
export const sendSelfInvoice = () => {
  const send = sendInvoice();
  const read = getInvoice();
  return async (tenantId: string, invoiceId: string, to: string[]) => {
    const invoice = await read(tenantId, invoiceId);
    const sent = invoice.events.some(
      (e) =>
        e.type === 'sent' &&
        to.every((address) => (e.detail as { to?: string[] } | undefined)?.to?.includes(address)),
    );
    return sent ? invoice : send(tenantId, invoiceId, to);
  };
};
