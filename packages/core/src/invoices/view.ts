import { forwardingView } from '../connectors/view.ts';
import type { ComputedLine } from '../taxes/model.ts';
import type { Invoice, PartySnapshot } from './model.ts';

/** A party as the API shows it (the snapshot's tax id kind and person type stay inside). */
export const partyView = (p: PartySnapshot) => ({
  taxId: p.taxId,
  name: p.name,
  ...(p.email ? { email: p.email } : {}),
  address: p.address,
  ...(p.taxRegime ? { taxRegime: p.taxRegime } : {}),
  ...(p.expeditionPostalCode ? { expeditionPostalCode: p.expeditionPostalCode } : {}),
  ...(p.dir3 ? { dir3: p.dir3 } : {}),
});

/** A line as the API shows it: what was asked and its net, not the engine's raw maths. */
export const lineView = (l: ComputedLine) => ({
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  ...(l.discountRate ? { discountRate: l.discountRate } : {}),
  ...(l.unit ? { unit: l.unit } : {}),
  taxes: l.taxes,
  ...(l.satProductKey ? { satProductKey: l.satProductKey } : {}),
  ...(l.satUnitKey ? { satUnitKey: l.satUnitKey } : {}),
  ...(l.taxObject ? { taxObject: l.taxObject } : {}),
  net: l.net,
});

/** The API shape of an invoice: internal bookkeeping (tenant, raw line maths) stays inside. */
export function invoiceView(i: Invoice) {
  return {
    id: i.id,
    status: i.status,
    kind: i.kind,
    customerId: i.customerId,
    series: i.series,
    ...(i.number ? { number: i.number } : {}),
    issueDate: i.issueDate,
    ...(i.operationDate ? { operationDate: i.operationDate } : {}),
    currency: i.currency,
    ...(i.exchangeRate ? { exchangeRate: i.exchangeRate } : {}),
    ...(i.cfdiUse ? { cfdiUse: i.cfdiUse } : {}),
    language: i.language,
    issuer: partyView(i.issuer),
    customer: partyView(i.customer),
    lines: i.lines.map((l) => ({
      ...(l.productId ? { productId: l.productId } : {}),
      ...lineView(l),
    })),
    taxBreakdown: i.breakdown,
    totals: i.totals,
    ...(i.payment ? { payment: i.payment } : {}),
    ...(i.notes ? { notes: i.notes } : {}),
    ...(i.corrective
      ? {
          corrective: {
            originalId: i.corrective.originalId,
            originalNumber: i.corrective.originalNumber,
            reasonCode: i.corrective.reasonCode,
            reasonDescription: i.corrective.reasonDescription,
            method: i.corrective.method,
            ...(i.corrective.originalUuid ? { originalUuid: i.corrective.originalUuid } : {}),
          },
        }
      : {}),
    ...(i.source ? { source: i.source } : {}),
    ...(i.centre ? { centre: i.centre } : {}),
    ...(i.deposits ? { depositIds: i.deposits } : {}),
    ...(i.claim ? { claim: i.claim } : {}),
    ...(i.origin ? { origin: i.origin } : {}),
    ...(i.cfdi ? { cfdi: i.cfdi } : {}),
    ...(i.recipientStatus ? { recipientStatus: i.recipientStatus } : {}),
    ...(i.forwarding ? { forwarding: i.forwarding.map(forwardingView) } : {}),
    events: i.events,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    ...(i.issuedAt ? { issuedAt: i.issuedAt } : {}),
  };
}
