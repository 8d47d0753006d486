import type { Invoice, PartySnapshot } from '@sello/core/invoices';
import { computeInvoice, type LineInput } from '@sello/core/taxes';
import { describe, expect, it } from 'vitest';
import { toEn16931 } from './document.ts';
import { En16931BuildError } from './errors.ts';

const SELLER: PartySnapshot = {
  taxId: 'B12345674',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Talleres Ejemplo S.L.',
  address: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
};
const BUYER: PartySnapshot = {
  taxId: '12345678Z',
  taxIdKind: 'ES_NIF',
  personType: 'individual',
  name: 'María José García López',
  address: { line1: 'Avenida Diagonal 640', city: 'Barcelona', postalCode: '08017', country: 'ES' },
};
const FRENCH: PartySnapshot = {
  taxId: 'FR40303265045',
  taxIdKind: 'EU_VAT',
  personType: 'unknown',
  name: 'Éditions Lumière SARL',
  address: { line1: '12 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' },
};

function invoice(lines: LineInput[], overrides: Partial<Invoice> = {}): Invoice {
  return {
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
    payment: { means: 'transfer', dueDate: '2026-04-15', iban: 'ES91 2100 0418 4502 0005 1332' },
    events: [],
    version: 1,
    createdAt: '2026-03-16T08:00:00Z',
    updatedAt: '2026-03-16T08:00:00Z',
    ...computeInvoice(lines),
    ...overrides,
  };
}

const line = (unitPrice: string, taxes: LineInput['taxes'], quantity = '1'): LineInput => ({
  description: 'Servicio',
  quantity,
  unitPrice,
  taxes,
});
const iva21 = [{ type: 'IVA' as const, rate: '21' }];
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

describe('toEn16931: the kind of document', () => {
  it('writes an invoice as is', () => {
    const doc = toEn16931(invoice([line('100.00', iva21)]));
    expect(doc.kind).toBe('invoice');
    expect(doc.totals).toEqual({
      lineNet: '100.00',
      taxExclusive: '100.00',
      taxInclusive: '121.00',
      payable: '121.00',
    });
    expect(doc.payment).toEqual({
      code: '58',
      name: 'Transferencia bancaria',
      iban: 'ES9121000418450200051332',
    });
    expect(doc.dueDate).toBe('2026-04-15');
  });

  it('turns a negative total into a credit note with every amount and quantity negated', () => {
    const doc = toEn16931(
      invoice([line('100.00', iva21, '-1'), line('10.00', iva21)], {
        kind: 'corrective',
        corrective,
      }),
    );
    expect(doc.kind).toBe('creditNote');
    expect(doc.lines.map((l) => [l.quantity, l.price, l.net])).toEqual([
      ['1', '100.00', '100.00'],
      ['-1', '10.00', '-10.00'],
    ]);
    expect(doc.vat.map((r) => [r.base, r.amount])).toEqual([['90.00', '18.90']]);
    expect(doc.totals.payable).toBe('108.90');
    expect(doc.preceding).toEqual({ number: 'F2026-000000', issueDate: '2026-02-10' });
    // Nothing to collect: a credit note has no payment instructions or due date.
    expect(doc.payment).toBeUndefined();
    expect(doc.dueDate).toBeUndefined();
  });

  it('keeps a corrective that is not negative an invoice that references the original', () => {
    const doc = toEn16931(invoice([line('40.00', iva21)], { kind: 'corrective', corrective }));
    expect(doc.kind).toBe('corrected');
    expect(doc.notes).toEqual([
      'Factura rectificativa por diferencias de la factura F2026-000000 de 2026-02-10. Motivo (16): Base imponible.',
    ]);
  });

  it('moves the sign of a negative unit price to the quantity (BR-27)', () => {
    const doc = toEn16931(invoice([line('100.00', iva21), line('-20.00', iva21)]));
    expect(doc.lines[1]).toMatchObject({ quantity: '-1', price: '20.00', net: '-20.00' });
  });
});

describe('toEn16931: Spanish taxes', () => {
  it('withholds IRPF as a paid amount, so the amount due is what the customer pays', () => {
    const doc = toEn16931(
      invoice([
        line('300.00', [
          { type: 'IVA', rate: '21' },
          { type: 'IRPF', rate: '15' },
        ]),
      ]),
    );
    expect(doc.totals).toEqual({
      lineNet: '300.00',
      taxExclusive: '300.00',
      taxInclusive: '363.00',
      prepaid: '45.00',
      payable: '318.00',
    });
    expect(doc.withholding).toEqual({
      total: '45.00',
      rows: [{ rate: '15', base: '300.00', amount: '45.00' }],
    });
    expect(doc.vat).toEqual([{ code: 'S', rate: '21', base: '300.00', amount: '63.00' }]);
  });

  it('adds recargo de equivalencia to its IVA rate and splits an IVA row with and without it', () => {
    const doc = toEn16931(
      invoice([
        line('85.00', [
          { type: 'IVA', rate: '21' },
          { type: 'RE', rate: '5.2' },
        ]),
        line('15.00', iva21),
      ]),
    );
    expect(doc.lines.map((l) => l.category)).toEqual([
      { code: 'S', rate: '26.2' },
      { code: 'S', rate: '21' },
    ]);
    expect(doc.lines[0]!.properties).toEqual([
      { name: 'IVA (%)', value: '21' },
      { name: 'Recargo de equivalencia (%)', value: '5.2' },
    ]);
    expect(doc.vat.map(({ code, rate, base, amount }) => [code, rate, base, amount])).toEqual([
      ['S', '26.2', '85.00', '22.27'],
      ['S', '21', '15.00', '3.15'],
    ]);
    expect(doc.taxTotal).toBe('25.42');
  });

  it('writes a not-subject-only invoice as O without any VAT identifier (BR-O-02)', () => {
    const doc = toEn16931(invoice([line('50.00', [{ type: 'IVA', rate: '0', notSubject: 'N1' }])]));
    expect(doc.vat).toEqual([
      {
        code: 'O',
        base: '50.00',
        amount: '0.00',
        exemptionCode: 'VATEX-EU-O',
        exemptionReason: 'Operación no sujeta por el artículo 7, 14 u otros',
      },
    ]);
    expect(doc.seller).toMatchObject({ legalId: 'B12345674' });
    expect(doc.seller.vatId).toBeUndefined();
    expect(doc.buyer.vatId).toBeUndefined();
  });

  it('writes not-subject lines next to taxed ones as E, since O stands alone (BR-O-11)', () => {
    const doc = toEn16931(
      invoice([
        line('50.00', [{ type: 'IVA', rate: '0', notSubject: 'N1' }]),
        line('10.00', iva21),
      ]),
    );
    expect(doc.vat.map((r) => r.code)).toEqual(['S', 'E']);
    expect(doc.seller.vatId).toBe('ESB12345674');
  });

  it('uses reverse charge (AE) and intra-community supply (K) only for EU businesses', () => {
    const n2 = [{ type: 'IVA' as const, rate: '0', notSubject: 'N2' as const }];
    const e5 = [{ type: 'IVA' as const, rate: '0', exemption: 'E5' as const }];
    expect(toEn16931(invoice([line('10.00', n2)], { customer: FRENCH })).vat[0]!.code).toBe('AE');
    expect(toEn16931(invoice([line('10.00', n2)])).vat[0]!.code).toBe('O');
    const k = toEn16931(invoice([line('10.00', e5)], { customer: FRENCH }));
    expect(k.vat[0]).toMatchObject({ code: 'K', exemptionCode: 'VATEX-EU-IC' });
    expect(k.deliverTo?.country).toBe('FR');
    expect(k.deliveryDate).toBe('2026-03-16');
    expect(toEn16931(invoice([line('10.00', e5)])).vat[0]!.code).toBe('E');
  });

  it('merges exemptions of one category into one row with both reasons (BR-E-01)', () => {
    const doc = toEn16931(
      invoice([
        line('10.00', [{ type: 'IVA', rate: '0', exemption: 'E1' }]),
        line('5.00', [{ type: 'IVA', rate: '0', exemption: 'E6' }]),
      ]),
    );
    expect(doc.vat).toEqual([
      {
        code: 'E',
        rate: '0',
        base: '15.00',
        amount: '0.00',
        exemptionReason:
          'Operación exenta por el artículo 20 de la Ley 37/1992 del IVA; Operación exenta por otra causa',
      },
    ]);
  });
});

describe('toEn16931: references and refusals', () => {
  it('defaults the buyer reference to the invoice number and carries the VERI*FACTU URL', () => {
    const plain = toEn16931(invoice([line('1.00', iva21)]));
    expect(plain.buyerReference).toBe('F2026-000001');
    expect(plain.attachments).toEqual([]);
    const given = toEn16931(invoice([line('1.00', iva21)]), {
      buyerReference: ' PO-7 ',
      verifactuQrUrl: 'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=B1',
    });
    expect(given.buyerReference).toBe('PO-7');
    expect(given.attachments).toEqual([
      {
        id: 'VERI*FACTU',
        description:
          'VERI*FACTU: factura verificable en la sede electrónica de la AEAT (URL del código QR)',
        uri: 'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=B1',
      },
    ]);
  });

  it('refuses a draft without a number and a malformed IBAN, naming the field', () => {
    const draft = invoice([line('1.00', iva21)], { number: undefined, status: 'draft' });
    expect(() => toEn16931(draft)).toThrow(En16931BuildError);
    expect(() => toEn16931(draft)).toThrow(/^number: /);
    const badIban = invoice([line('1.00', iva21)], {
      payment: { means: 'transfer', iban: '1234' },
    });
    expect(() => toEn16931(badIban)).toThrow(/^payment\.iban: /);
  });
});
