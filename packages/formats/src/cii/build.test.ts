import type { Invoice } from '@sello/core/invoices';
import { computeInvoice } from '@sello/core/taxes';
import { describe, expect, it } from 'vitest';
import { BUYER, SELLER } from '../../testing/index.ts';
import { buildCii } from './build.ts';

const invoice = (quantity: string, overrides: Partial<Invoice> = {}): Invoice => ({
  id: 'inv_1',
  tenantId: 'ten_1',
  status: 'issued',
  kind: 'standard',
  customerId: 'cus_1',
  series: 'F',
  number: 'F2026-000001',
  issueDate: '2026-03-16',
  currency: 'EUR',
  language: 'es',
  issuer: SELLER,
  customer: BUYER,
  events: [],
  version: 1,
  createdAt: '2026-03-16T08:00:00Z',
  updatedAt: '2026-03-16T08:00:00Z',
  ...computeInvoice([
    { description: 'Servicio', quantity, unitPrice: '50.00', taxes: [{ type: 'IVA', rate: '10' }] },
  ]),
  ...overrides,
});

const corrective = {
  originalId: 'inv_0',
  originalNumber: 'F2026-000000',
  originalSeries: 'F',
  originalIssueDate: '2026-02-10',
  reasonCode: '16',
  reasonDescription: 'Base imponible',
  method: 'differences' as const,
  period: { start: '2026-02-01', end: '2026-02-28' },
};

describe('buildCii', () => {
  it('writes an EN 16931 CII invoice with CII dates and the engine totals', () => {
    const xml = buildCii(invoice('2'));
    expect(xml).toContain(
      '<rsm:ExchangedDocument><ram:ID>F2026-000001</ram:ID><ram:TypeCode>380</ram:TypeCode>' +
        '<ram:IssueDateTime><udt:DateTimeString format="102">20260316</udt:DateTimeString>',
    );
    expect(xml).toContain(
      '<ram:ApplicableHeaderTradeDelivery></ram:ApplicableHeaderTradeDelivery>',
    );
    expect(xml).toContain(
      '<ram:GrandTotalAmount>110.00</ram:GrandTotalAmount><ram:DuePayableAmount>110.00</ram:DuePayableAmount>',
    );
  });

  it('types a corrective 384, or 381 with positive amounts when its total is negative', () => {
    const positive = buildCii(invoice('1', { kind: 'corrective', corrective }));
    expect(positive).toContain('<ram:TypeCode>384</ram:TypeCode>');
    expect(positive).toContain(
      '<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>F2026-000000</ram:IssuerAssignedID>' +
        '<ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20260210</qdt:DateTimeString>',
    );
    const negative = buildCii(invoice('-1', { kind: 'corrective', corrective }));
    expect(negative).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(negative).toContain('<ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>');
    expect(negative).toContain('<ram:DuePayableAmount>55.00</ram:DuePayableAmount>');
  });
});
