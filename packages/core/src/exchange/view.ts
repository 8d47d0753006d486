import type { FormatCatalog } from '../formats/catalog.ts';
import { lineView, partyView as party } from '../invoices/view.ts';
import { type ExchangeInvoice, inboxStatusOf } from './exchange-invoice.ts';
import { inboxDocuments, inboxIdOf } from './inbox.ts';
import type { RecipientStatus } from './model.ts';

/**
 * An invoice as its buyer sees it in a list: who issued it, what and when to pay, and where it
 * stands. The issuer's internals (its ids for the customer, series counters, its own audit trail)
 * stay with the issuer.
 */
export function inboxEntryView(i: ExchangeInvoice, formats: FormatCatalog) {
  const dueDate = i.payment?.dueDate;
  return {
    id: inboxIdOf(i),
    status: inboxStatusOf(i),
    invoiceStatus: i.status,
    kind: i.kind,
    origin: i.origin ?? 'platform',
    ...(i.number ? { number: i.number } : {}),
    issueDate: i.issueDate,
    ...(dueDate ? { dueDate } : {}),
    currency: i.currency,
    issuer: party(i.issuer),
    customer: party(i.customer),
    totals: i.totals,
    documents: inboxDocuments(i, formats),
    receivedAt: i.imported?.importedAt ?? i.issuedAt ?? i.createdAt,
  };
}

/** One invoice in full, with the buyer's own history of it. */
export function inboxInvoiceView(i: ExchangeInvoice, formats: FormatCatalog) {
  return {
    ...inboxEntryView(i, formats),
    ...(i.operationDate ? { operationDate: i.operationDate } : {}),
    lines: i.lines.map(lineView),
    taxBreakdown: i.breakdown,
    ...(i.payment ? { payment: i.payment } : {}),
    ...(i.notes ? { notes: i.notes } : {}),
    ...(i.corrective
      ? {
          corrects: {
            number: i.corrective.originalNumber,
            issueDate: i.corrective.originalIssueDate,
            reason: i.corrective.reasonDescription,
          },
        }
      : i.imported?.preceding
        ? { corrects: i.imported.preceding }
        : {}),
    history: i.events.flatMap((e) => {
      if (!e.type.startsWith('recipient.')) return [];
      const detail = (e.detail ?? {}) as { status?: RecipientStatus; reason?: string };
      return [
        {
          at: e.at,
          status: detail.status ?? (e.type.slice('recipient.'.length) as RecipientStatus),
          ...(detail.reason ? { reason: detail.reason } : {}),
        },
      ];
    }),
  };
}
