import { describe, expect, it } from 'vitest';
import type { ValuationLine, ValuationTotals } from './model.ts';
import { diffValuations, lineIdentity } from './valuation-diff.ts';

const totals = (total: string): ValuationTotals => ({
  net: total,
  tax: '0.00',
  total,
  franchise: '0.00',
  insurer: total,
});
const part = (description: string, unitPrice: string, reference?: string): ValuationLine => ({
  kind: 'part',
  description,
  quantity: '1',
  unitPrice,
  ...(reference ? { reference } : {}),
});
const v = (version: number, lines: ValuationLine[], franchise = '0', total = '100.00') => ({
  version,
  lines,
  franchise,
  totals: totals(total),
});

describe('lineIdentity', () => {
  it('is the kind and the reference, else the kind and the description without case or extra blanks', () => {
    expect(lineIdentity(part('Faro', '1', ' 77-01 '))).toBe('part|ref|77-01');
    expect(lineIdentity(part('Faro   IZQUIERDO ', '1'))).toBe('part|desc|faro izquierdo');
    expect(lineIdentity({ ...part('Faro', '1'), kind: 'labour' })).toBe('labour|desc|faro');
  });
});

describe('diffValuations', () => {
  it('finds lines added, removed and changed, matching by reference even when the description moved', () => {
    const before = v(1, [
      part('Paragolpes', '245.50', '7701'),
      part('Faro', '80'),
      { kind: 'material', description: 'Materiales', quantity: '1', unitPrice: '86.40' },
    ]);
    const after = v(
      2,
      [
        part('Paragolpes delantero', '259.90', '7701'),
        part('FARO', '80.00'),
        part('Soporte', '18.75', '7702'),
      ],
      '300',
      '120.00',
    );
    expect(diffValuations(before, after)).toEqual({
      previousVersion: 1,
      added: [part('Soporte', '18.75', '7702')],
      removed: [{ kind: 'material', description: 'Materiales', quantity: '1', unitPrice: '86.40' }],
      changed: [
        {
          before: part('Paragolpes', '245.50', '7701'),
          after: part('Paragolpes delantero', '259.90', '7701'),
        },
        // Matched by description (no reference): only the case of the text differs.
        { before: part('Faro', '80'), after: part('FARO', '80.00') },
      ],
      totals: { before: totals('100.00'), after: totals('120.00') },
      franchise: { before: '0', after: '300' },
    });
  });

  it('sees nothing changed when only the form of the amounts differs', () => {
    const before = v(1, [{ ...part('Faro', '80.00', 'R1'), quantity: '1.50', discountRate: '0' }]);
    const after = v(2, [{ ...part('Faro', '80', 'R1'), quantity: '1.5' }], '0.00');
    expect(diffValuations(before, after)).toMatchObject({ added: [], removed: [], changed: [] });
    expect(diffValuations(before, after).franchise).toBeUndefined();
  });

  it('pairs repeated lines of one identity in their order, the extra one added', () => {
    const before = v(1, [part('Tornillo', '1'), part('Tornillo', '2')]);
    const after = v(2, [part('Tornillo', '1'), part('Tornillo', '3'), part('Tornillo', '4')]);
    expect(diffValuations(before, after)).toMatchObject({
      added: [part('Tornillo', '4')],
      removed: [],
      changed: [{ before: part('Tornillo', '2'), after: part('Tornillo', '3') }],
    });
  });
});
