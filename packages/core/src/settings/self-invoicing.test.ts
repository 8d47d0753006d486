import { describe, expect, it } from 'vitest';
import type { FieldError } from '../errors.ts';
import { mergeSelfInvoicing, type SelfInvoicingSettings } from './self-invoicing.ts';

const current: SelfInvoicingSettings = {
  enabled: true,
  companyNumber: 'BAR-12',
  limit: { kind: 'days', days: 5 },
  afterLimit: 'request',
  concept: { description: 'Consumiciones' },
  seriesId: 'T',
};

describe('mergeSelfInvoicing', () => {
  it('keeps the section when not patched, removes it with null', () => {
    const errors: FieldError[] = [];
    expect(mergeSelfInvoicing(current, undefined, errors)).toBe(current);
    expect(mergeSelfInvoicing(current, null, errors)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('sets up with defaults from a company number alone, upper-cased', () => {
    expect(mergeSelfInvoicing(undefined, { companyNumber: ' bar-9 ' }, [])).toEqual({
      enabled: false,
      companyNumber: 'BAR-9',
      limit: { kind: 'naturalMonth' },
      afterLimit: 'refuse',
    });
  });

  it('merges fields, null dropping the optional ones', () => {
    expect(
      mergeSelfInvoicing(current, { enabled: false, concept: null, limit: { kind: 'none' } }, []),
    ).toEqual({
      enabled: false,
      companyNumber: 'BAR-12',
      limit: { kind: 'none' },
      afterLimit: 'request',
      seriesId: 'T',
    });
  });

  it('needs a company number to set up, naming it', () => {
    const errors: FieldError[] = [];
    expect(mergeSelfInvoicing(undefined, { enabled: true }, errors)).toBeUndefined();
    expect(errors.map((e) => e.path)).toEqual(['selfInvoicing.companyNumber']);
  });
});
