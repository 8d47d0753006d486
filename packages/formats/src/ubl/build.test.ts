import type { Invoice } from '@sello/core/invoices';
import { computeInvoice, type LineInput } from '@sello/core/taxes';
import { describe, expect, it } from 'vitest';
import { BUYER, SELLER } from '../../testing/index.ts';
import { buildUbl } from './build.ts';
import { buildNote } from './header.ts';

const lines = (unitPrice: string): LineInput[] => [
  {
    description: 'Tornillos & tuercas <M8>',
    quantity: '1',
    unitPrice,
    taxes: [{ type: 'IVA', rate: '21' }],
  },
];

const invoice = (unitPrice: string, overrides: Partial<Invoice> = {}): Invoice => ({
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
  payment: { means: 'transfer', dueDate: '2026-04-15', iban: 'ES9121000418450200051332' },
  events: [],
  version: 1,
  createdAt: '2026-03-16T08:00:00Z',
  updatedAt: '2026-03-16T08:00:00Z',
  ...computeInvoice(lines(unitPrice)),
  ...overrides,
});

describe('buildUbl', () => {
  it('writes a Peppol BIS invoice with its due date, escaped text and the engine totals', () => {
    const xml = buildUbl(invoice('10.00'));
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" /,
    );
    expect(xml).toContain(
      '<cbc:ID>F2026-000001</cbc:ID><cbc:IssueDate>2026-03-16</cbc:IssueDate>' +
        '<cbc:DueDate>2026-04-15</cbc:DueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>',
    );
    expect(xml).toContain('<cbc:Name>Tornillos &amp; tuercas &lt;M8&gt;</cbc:Name>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">12.10</cbc:PayableAmount>');
    expect(xml.endsWith('</cac:InvoiceLine></Invoice>')).toBe(true);
  });

  it('writes a negative total as a CreditNote with positive amounts and no due date', () => {
    const xml = buildUbl(invoice('-10.00'));
    expect(xml).toContain(
      '<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"',
    );
    expect(xml).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(xml).not.toContain('DueDate');
    expect(xml).toContain('<cbc:CreditedQuantity unitCode="C62">1</cbc:CreditedQuantity>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">12.10</cbc:PayableAmount>');
  });
});

describe('buildNote', () => {
  it('joins the notes into the one note Peppol allows', () => {
    expect(buildNote(['Uno', 'Dos'])).toBe('<cbc:Note>Uno\nDos</cbc:Note>');
    expect(buildNote([])).toBe('');
  });

  it('starts a note containing "#" with a subject code, as BR-CL-08 requires', () => {
    expect(buildNote(['Pedido #12'])).toBe('<cbc:Note>#AAI#Pedido #12</cbc:Note>');
  });
});
