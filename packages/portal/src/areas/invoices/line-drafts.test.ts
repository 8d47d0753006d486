import { describe, expect, it } from 'vitest';
import {
  emptyLine,
  FROM_CATALOG,
  lineFieldNames,
  lineFromInvoice,
  lineToBody,
  placeProblems,
} from './line-drafts.ts';
import type { Invoice, Product } from './queries.ts';

const product = {
  id: 'prd_1',
  code: 'REV',
  description: 'Revisión',
  unitPrice: '80.00',
  taxes: [{ type: 'IVA', rate: '21' }],
} as Product;

describe('a line as the API body', () => {
  it('leaves out what the catalog gives, so the API picks the customer’s price', () => {
    const line = { ...emptyLine(), productId: 'prd_1', tax: FROM_CATALOG, quantity: '2' };
    expect(lineToBody(line, [product], 'es')).toEqual({ productId: 'prd_1', quantity: '2' });
  });

  it('sends a typed line in the API’s decimals, with its tax and withholding', () => {
    const line = {
      ...emptyLine(),
      description: ' Mano de obra ',
      quantity: '3,5',
      unitPrice: '1.045,50',
      discountRate: '10',
      tax: 'IVA:10',
      withholding: 'IRPF:15',
    };
    expect(lineToBody(line, [], 'es')).toEqual({
      description: 'Mano de obra',
      quantity: '3.5',
      unitPrice: '1045.50',
      discountRate: '10',
      taxes: [
        { type: 'IVA', rate: '10' },
        { type: 'IRPF', rate: '15' },
      ],
    });
  });

  it('adds a withholding to the product’s own taxes, and keeps an exemption code', () => {
    const catalog = {
      ...emptyLine(),
      productId: 'prd_1',
      tax: FROM_CATALOG,
      withholding: 'IRPF:7',
    };
    expect(lineToBody(catalog, [product], 'en').taxes).toEqual([
      { type: 'IVA', rate: '21' },
      { type: 'IRPF', rate: '7' },
    ]);
    const exempt = { ...emptyLine(), description: 'Curso', unitPrice: '100', tax: 'IVA:0:E1' };
    expect(lineToBody(exempt, [], 'es').taxes).toEqual([
      { type: 'IVA', rate: '0', exemption: 'E1' },
    ]);
  });

  it('reads a saved line back for editing, keeping taxes it does not offer', () => {
    const saved: Invoice['lines'][number] = {
      productId: 'prd_1',
      description: 'Revisión',
      quantity: '1.5',
      unitPrice: '80',
      taxes: [
        { type: 'IVA', rate: '21' },
        { type: 'RE', rate: '5.2' },
        { type: 'IRPF', rate: '15' },
      ],
      net: '120.00',
    };
    const line = lineFromInvoice(saved, 'es');
    expect(line).toMatchObject({ quantity: '1,5', tax: 'IVA:21', withholding: 'IRPF:15' });
    expect(lineToBody(line, [product], 'es').taxes).toEqual(saved.taxes);
  });
});

describe('the API’s problems on the editor’s fields', () => {
  const fields = ['customerId', ...lineFieldNames('lines', 2)];
  it('places a path on its field, inside its nearest field, or on the first field of an object', () => {
    const { byField, unplaced } = placeProblems(
      [
        { path: 'lines.1.quantity', message: 'Bad quantity' },
        { path: 'lines.0.taxes.0.rate', message: 'Bad rate' },
        { path: 'lines.1', message: 'Give a description' },
        { path: 'lines', message: 'Too many' },
      ],
      fields,
    );
    expect(byField).toEqual({
      'lines.1.quantity': 'Bad quantity',
      'lines.0.taxes': 'Bad rate',
      'lines.1.productId': 'Give a description',
      // `lines` itself names the first field of the first line.
      'lines.0.productId': 'Too many',
    });
    expect(unplaced).toEqual([]);
    expect(placeProblems([{ path: 'payment.iban', message: 'x' }], fields).unplaced).toHaveLength(
      1,
    );
  });
});
