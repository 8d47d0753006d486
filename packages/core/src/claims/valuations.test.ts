import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import type { ValuationInput } from './model.ts';
import { valuationHash, valuationLineInputs, valuationTotals } from './valuations.ts';

const input: ValuationInput = {
  version: 1,
  lines: [
    { kind: 'part', description: 'Faro', quantity: '1', unitPrice: '100.00', discountRate: '10' },
    {
      kind: 'labour',
      description: 'Montaje',
      quantity: '1.5',
      unitPrice: '40',
      category: 'mechanics',
    },
  ],
  franchise: '50.00',
  taxes: [{ type: 'IVA', rate: '21' }],
};

const errorsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.errors;
    throw e;
  }
  return [];
};

describe('valuationTotals', () => {
  it('totals through the tax engine and splits off the franchise', () => {
    // 90 + 60 = 150; IVA 31.50.
    expect(valuationTotals(input, 'EUR', 'ES').totals).toEqual({
      net: '150.00',
      tax: '31.50',
      total: '181.50',
      franchise: '50.00',
      insurer: '131.50',
    });
    expect(valuationTotals({ ...input, franchise: '181.5' }, 'EUR', 'ES').totals.insurer).toBe(
      '0.00',
    );
  });

  it('refuses a franchise above the total, below zero or finer than the currency', () => {
    expect(errorsOf(() => valuationTotals({ ...input, franchise: '181.51' }, 'EUR', 'ES'))).toEqual(
      [{ path: 'franchise', message: "At most the valuation's total, 181.50" }],
    );
    for (const franchise of ['-1', '10.001']) {
      expect(errorsOf(() => valuationTotals({ ...input, franchise }, 'EUR', 'ES'))[0]?.path).toBe(
        'franchise',
      );
    }
    expect(
      errorsOf(() => valuationTotals({ ...input, franchise: '10.5' }, 'JPY', 'ES'))[0]?.path,
    ).toBe('franchise');
  });

  it("names a tax the tenant's rules refuse under `taxes`", () => {
    const errors = errorsOf(() =>
      valuationTotals({ ...input, taxes: [{ type: 'IVA', rate: '22' }] }, 'EUR', 'ES'),
    );
    expect(errors.map((e) => e.path)).toEqual(['taxes.0.rate']);
  });
});

describe('valuationLineInputs', () => {
  it('gives every line the valuation’s taxes, and counts labour and paint in hours', () => {
    const lines = valuationLineInputs(input);
    expect(lines.map((l) => [l.unit, l.taxes])).toEqual([
      [undefined, input.taxes],
      ['02', input.taxes],
    ]);
  });
});

describe('valuationHash', () => {
  it('is the same for the same content in other forms, and differs for other content', () => {
    const same: ValuationInput = {
      taxes: [{ rate: '21.00', type: 'IVA' }],
      franchise: '50',
      version: 1,
      lines: input.lines.map((l, i) => ({ ...l, unitPrice: ['100.0', '40.00'][i]! })),
    };
    expect(valuationHash(same, 'EUR')).toBe(valuationHash(input, 'EUR'));
    expect(valuationHash({ ...input, franchise: '51' }, 'EUR')).not.toBe(
      valuationHash(input, 'EUR'),
    );
    expect(valuationHash(input, 'USD')).not.toBe(valuationHash(input, 'EUR'));
  });
});
