import type { Invoice } from './model.ts';

/** The API shape of an invoice: internal bookkeeping (tenant, raw line maths) stays inside. */
export function invoiceView(i: Invoice) {
  const party = (p: Invoice['issuer']) => ({
    taxId: p.taxId,
    name: p.name,
    ...(p.email ? { email: p.email } : {}),
    address: p.address,
  });
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
    language: i.language,
    issuer: party(i.issuer),
    customer: party(i.customer),
    lines: i.lines.map((l) => ({
      ...(l.productId ? { productId: l.productId } : {}),
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      ...(l.discountRate ? { discountRate: l.discountRate } : {}),
      ...(l.unit ? { unit: l.unit } : {}),
      taxes: l.taxes,
      net: l.net,
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
          },
        }
      : {}),
    ...(i.source ? { source: i.source } : {}),
    ...(i.origin ? { origin: i.origin } : {}),
    ...(i.recipientStatus ? { recipientStatus: i.recipientStatus } : {}),
    events: i.events,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    ...(i.issuedAt ? { issuedAt: i.issuedAt } : {}),
  };
}
