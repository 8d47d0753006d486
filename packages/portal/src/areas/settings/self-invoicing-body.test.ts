import { SettingsPatch } from '@sello/contracts';
import { describe, expect, it } from 'vitest';
import { formBody } from '../../forms/values.ts';
import { selfInvoicingBody } from './self-invoicing-body.ts';

/** The form's fields as the browser's FormData lists them. */
const body = (fields: Record<string, string>) =>
  selfInvoicingBody(formBody(Object.entries(fields)));

describe('the self-invoicing form as PATCH /v1/settings takes it', () => {
  it('sends the whole section: days as a number, a generic concept with its SAT keys, a series', () => {
    const sent = body({
      'selfInvoicing.enabled': 'true',
      'selfInvoicing.companyNumber': 'kemper-01',
      'selfInvoicing.limit.kind': 'days',
      'selfInvoicing.limit.days': ' 15 ',
      'selfInvoicing.afterLimit': 'request',
      linesFrom: 'concept',
      'selfInvoicing.concept.description': 'Consumo',
      'selfInvoicing.concept.satProductKey': '90101500',
      'selfInvoicing.concept.satUnitKey': 'E48',
      'selfInvoicing.seriesId': 'T',
    });
    expect(sent).toEqual({
      selfInvoicing: {
        enabled: true,
        companyNumber: 'kemper-01',
        limit: { kind: 'days', days: 15 },
        afterLimit: 'request',
        concept: { description: 'Consumo', satProductKey: '90101500', satUnitKey: 'E48' },
        seriesId: 'T',
      },
    });
    expect(SettingsPatch.safeParse(sent).success).toBe(true);
  });

  it('removes the concept for the ticket’s lines and the series for the default; off is false', () => {
    const sent = body({
      'selfInvoicing.enabled': 'false',
      'selfInvoicing.companyNumber': 'ABC',
      'selfInvoicing.limit.kind': 'naturalMonth',
      'selfInvoicing.afterLimit': 'refuse',
      linesFrom: 'ticket',
      'selfInvoicing.seriesId': '',
    });
    expect(sent).toEqual({
      selfInvoicing: {
        enabled: false,
        companyNumber: 'ABC',
        limit: { kind: 'naturalMonth' },
        afterLimit: 'refuse',
        concept: null,
        seriesId: null,
      },
    });
    expect(SettingsPatch.safeParse(sent).success).toBe(true);
  });

  it('leaves missing or wrong days and an empty concept for the schema to name', () => {
    const issues = (fields: Record<string, string>) =>
      SettingsPatch.safeParse(
        body({
          'selfInvoicing.enabled': 'true',
          'selfInvoicing.companyNumber': 'ABC',
          'selfInvoicing.afterLimit': 'refuse',
          ...fields,
        }),
      ).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ 'selfInvoicing.limit.kind': 'days' })).toEqual(['selfInvoicing.limit.days']);
    expect(
      issues({ 'selfInvoicing.limit.kind': 'days', 'selfInvoicing.limit.days': 'ten' }),
    ).toEqual(['selfInvoicing.limit.days']);
    expect(issues({ 'selfInvoicing.limit.kind': 'none', linesFrom: 'concept' })).toEqual([
      'selfInvoicing.concept.description',
    ]);
  });
});
