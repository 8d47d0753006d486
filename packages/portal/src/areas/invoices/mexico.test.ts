import { describe, expect, it } from 'vitest';
import {
  emptyMexicanLine,
  lineFieldNames,
  lineFromInvoice,
  lineToBody,
  mexicanLineOfProduct,
} from './line-drafts.ts';
import { mexicanTaxesFromInput, mexicanTaxesToInput } from './mexico.ts';
import type { Invoice, Product } from './queries.ts';

const product = {
  id: 'prd_1',
  code: 'CURSO',
  description: 'Curso de capacitación',
  unitPrice: '500',
  taxes: [
    { type: 'IVA', rate: '16' },
    { type: 'ISR', rate: '10', withheld: true },
    { type: 'IVA', rate: '10.6667', withheld: true },
  ],
  satProductKey: '86101700',
  satUnitKey: 'E48',
  taxObject: '02',
} as Product;

describe("a Mexican line's taxes", () => {
  it('are the API’s taxes: IVA charged, IEPS, and ISR and IVA withheld', () => {
    expect(
      mexicanTaxesToInput({ iva: '16', ieps: '8', withholding: 'ISR:10+IVA:10.6667' }, '02'),
    ).toEqual([
      { type: 'IVA', rate: '16' },
      { type: 'IEPS', rate: '8' },
      { type: 'ISR', rate: '10', withheld: true },
      { type: 'IVA', rate: '10.6667', withheld: true },
    ]);
    expect(mexicanTaxesToInput({ iva: 'exempt', ieps: '', withholding: '' }, '02')).toEqual([
      { type: 'IVA', rate: '0', exempt: true },
    ]);
    expect(mexicanTaxesToInput({ iva: 'none', ieps: '', withholding: 'ISR:1.25' }, '02')).toEqual([
      { type: 'ISR', rate: '1.25', withheld: true },
    ]);
  });

  it('are none unless the line breaks them down (ObjetoImp 02)', () => {
    for (const object of ['01', '03', '04'])
      expect(mexicanTaxesToInput({ iva: '16', ieps: '', withholding: '' }, object)).toEqual([]);
  });

  it('read back as the editor’s choices', () => {
    expect(mexicanTaxesFromInput(product.taxes)).toEqual({
      iva: '16',
      ieps: '',
      withholding: 'ISR:10+IVA:10.6667',
    });
    expect(mexicanTaxesFromInput([{ type: 'IVA', rate: '0', exempt: true }]).iva).toBe('exempt');
    expect(mexicanTaxesFromInput([]).iva).toBe('none');
  });
});

describe('a Mexican line draft', () => {
  it('takes its product’s taxes and SAT keys, and sends them as its own', () => {
    const line = { ...mexicanLineOfProduct(emptyMexicanLine(), product), quantity: '2' };
    expect(line.mexico).toEqual({
      ieps: '',
      satProductKey: '86101700',
      satUnitKey: 'E48',
      taxObject: '02',
    });
    expect(lineToBody(line, [product], 'es')).toEqual({
      productId: 'prd_1',
      quantity: '2',
      taxes: product.taxes,
      satProductKey: '86101700',
      satUnitKey: 'E48',
      taxObject: '02',
    });
  });

  it('sends a typed line’s keys as typed, upper-casing the unit, with no taxes outside 02', () => {
    const line = {
      ...emptyMexicanLine(),
      description: 'Servicio exento',
      unitPrice: '1.234,5',
      mexico: { ieps: '', satProductKey: ' 01010101 ', satUnitKey: 'act', taxObject: '01' },
    };
    expect(lineToBody(line, [], 'es')).toEqual({
      description: 'Servicio exento',
      quantity: '1',
      unitPrice: '1234.5',
      taxes: [],
      satProductKey: '01010101',
      satUnitKey: 'ACT',
      taxObject: '01',
    });
  });

  it('comes back from a saved line as it was sent', () => {
    const saved = {
      description: 'Curso',
      quantity: '2',
      unitPrice: '500',
      taxes: [
        { type: 'IVA', rate: '8' },
        { type: 'IEPS', rate: '26.5' },
      ],
      satProductKey: '86101700',
      satUnitKey: 'E48',
      taxObject: '02',
      net: '1000.00',
    } as Invoice['lines'][number];
    const draft = lineFromInvoice(saved, 'es', true);
    expect(draft.tax).toBe('8');
    expect(lineToBody(draft, [], 'es')).toMatchObject({
      unitPrice: '500',
      taxes: saved.taxes,
      satProductKey: '86101700',
      taxObject: '02',
    });
  });

  it('has fields for the errors on its SAT keys', () => {
    expect(lineFieldNames('lines', 1, true)).toEqual(
      expect.arrayContaining(['lines.0.satProductKey', 'lines.0.satUnitKey', 'lines.0.taxObject']),
    );
    expect(lineFieldNames('lines', 1)).not.toContain('lines.0.satProductKey');
  });
});
