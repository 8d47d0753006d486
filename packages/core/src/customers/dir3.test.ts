import { describe, expect, it } from 'vitest';
import { DIR3_CODE, dir3Problems } from './dir3.ts';

const units = {
  accountingOffice: { code: 'L01280796' },
  managementBody: { code: 'E04921501', name: 'Dirección General' },
  processingUnit: { code: 'GE0000123' },
};

describe('DIR3 units', () => {
  it('takes the shapes DIR3 codes have: one or two letters, nine characters in all', () => {
    for (const code of [
      'L01280796',
      'E04921501',
      'GE0000123',
      'LA0007418',
      'P00000010',
      'A01002820',
    ])
      expect(DIR3_CODE.test(code), code).toBe(true);
    for (const code of [
      'l01280796',
      'L0128079',
      'L012807960',
      '012807960',
      'LAB000741',
      'L0128 796',
    ])
      expect(DIR3_CODE.test(code), code).toBe(false);
  });

  it('accepts three valid units on a Spanish buyer', () => {
    expect(dir3Problems(units, 'ES')).toEqual([]);
  });

  it('names the field of a bad code and of a missing unit', () => {
    const { processingUnit: _missing, ...two } = units;
    expect(
      dir3Problems(
        { ...two, accountingOffice: { code: 'X1' } } as unknown as typeof units,
        'ES',
      ).map((p) => p.path),
    ).toEqual(['dir3.accountingOffice.code', 'dir3.processingUnit']);
  });

  it('refuses DIR3 units on a buyer outside Spain', () => {
    expect(dir3Problems(units, 'FR').map((p) => p.path)).toEqual(['dir3']);
  });
});
