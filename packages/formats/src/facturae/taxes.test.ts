import type { Invoice } from '@sello/core/invoices';
import type { ComputedLine, LineTax, TaxBreakdownRow } from '@sello/core/taxes';
import { describe, expect, it } from 'vitest';
import { sampleInvoice } from '../../testing/index.ts';
import {
  buildInvoiceTaxes,
  lineTaxes,
  outputTaxes,
  outputTaxXml,
  specialTaxableEvent,
  withheldTaxXml,
} from './taxes.ts';

const line = (net: string, taxes: LineTax[], amounts: string[]): ComputedLine => ({
  description: 'x',
  quantity: '1',
  unitPrice: net,
  taxes,
  gross: net,
  discount: '0',
  net,
  taxAmounts: taxes.map((t, i) => ({ ...t, base: net, amount: amounts[i]! })),
});
const row = (type: TaxBreakdownRow['type'], rate: string, base: string, amount: string) => ({
  type,
  rate,
  base,
  amount,
  withheld: type === 'IRPF',
});
const withBreakdown = (lines: ComputedLine[], breakdown: TaxBreakdownRow[]): Invoice =>
  sampleInvoice({ lines, breakdown });

const IVA21 = { type: 'IVA', rate: '21' } as const;
const RE52 = { type: 'RE', rate: '5.2' } as const;

describe('invoice taxes', () => {
  it('writes one TaxesOutputs/Tax per IVA row and IRPF under TaxesWithheld', () => {
    expect(buildInvoiceTaxes(sampleInvoice())).toBe(
      '<TaxesOutputs>' +
        '<Tax><TaxTypeCode>01</TaxTypeCode><TaxRate>21.00</TaxRate>' +
        '<TaxableBase><TotalAmount>354.00</TotalAmount></TaxableBase>' +
        '<TaxAmount><TotalAmount>74.34</TotalAmount></TaxAmount></Tax>' +
        '<Tax><TaxTypeCode>01</TaxTypeCode><TaxRate>4.00</TaxRate>' +
        '<TaxableBase><TotalAmount>25.00</TotalAmount></TaxableBase>' +
        '<TaxAmount><TotalAmount>1.00</TotalAmount></TaxAmount></Tax>' +
        '</TaxesOutputs><TaxesWithheld>' +
        '<Tax><TaxTypeCode>04</TaxTypeCode><TaxRate>15.00</TaxRate>' +
        '<TaxableBase><TotalAmount>300.00</TotalAmount></TaxableBase>' +
        '<TaxAmount><TotalAmount>45.00</TotalAmount></TaxAmount></Tax></TaxesWithheld>',
    );
  });

  it('writes IGIC as tax type 03 and omits TaxesWithheld when nothing is withheld', () => {
    const invoice = withBreakdown(
      [line('100.00', [{ type: 'IGIC', rate: '7' }], ['7.00'])],
      [row('IGIC', '7', '100.00', '7.00')],
    );
    const xml = buildInvoiceTaxes(invoice);
    expect(xml).toContain('<TaxTypeCode>03</TaxTypeCode><TaxRate>7.00</TaxRate>');
    expect(xml).not.toContain('TaxesWithheld');
  });

  it('puts recargo de equivalencia on the IVA row with the same base', () => {
    const invoice = withBreakdown(
      [line('100.00', [IVA21, RE52], ['21.00', '5.20'])],
      [row('IVA', '21', '100.00', '21.00'), row('RE', '5.2', '100.00', '5.20')],
    );
    expect(outputTaxes(invoice)).toEqual([
      {
        type: 'IVA',
        rate: '21',
        base: '100.00',
        amount: '21.00',
        surcharge: { rate: '5.2', amount: '5.20' },
      },
    ]);
    expect(buildInvoiceTaxes(invoice)).toContain(
      '<TaxAmount><TotalAmount>21.00</TotalAmount></TaxAmount>' +
        '<EquivalenceSurcharge>5.20</EquivalenceSurcharge>' +
        '<EquivalenceSurchargeAmount><TotalAmount>5.20</TotalAmount></EquivalenceSurchargeAmount></Tax>',
    );
  });

  it('splits an IVA row whose lines only partly carry recargo, keeping its total quota', () => {
    // 33.33 with RE + 10.01 without: the row quota 9.10 (43.34 × 21 %) becomes 7.00 + 2.10.
    const invoice = withBreakdown(
      [line('33.33', [IVA21, RE52], ['7.00', '1.73']), line('10.01', [IVA21], ['2.10'])],
      [row('IVA', '21', '43.34', '9.10'), row('RE', '5.2', '33.33', '1.73')],
    );
    expect(outputTaxes(invoice)).toEqual([
      {
        type: 'IVA',
        rate: '21',
        base: '33.33',
        amount: '7.00',
        surcharge: { rate: '5.2', amount: '1.73' },
      },
      { type: 'IVA', rate: '21', base: '10.01', amount: '2.10' },
    ]);
  });

  it('joins two recargo rates of one IVA rate to rows split by the engine', () => {
    const RE175 = { type: 'RE', rate: '1.75' } as const;
    const invoice = withBreakdown(
      [
        line('100.00', [IVA21, RE52], ['21.00', '5.20']),
        line('50.00', [IVA21, RE175], ['10.50', '0.88']),
      ],
      [
        row('IVA', '21', '150.00', '31.50'),
        row('RE', '5.2', '100.00', '5.20'),
        row('RE', '1.75', '50.00', '0.88'),
      ],
    );
    const rows = outputTaxes(invoice);
    expect(rows.map((r) => [r.base, r.amount, r.surcharge?.rate])).toEqual([
      ['100.00', '21.00', '5.2'],
      ['50.00', '10.50', '1.75'],
    ]);
  });

  it('refuses a recargo row no IVA row can carry', () => {
    const invoice = withBreakdown(
      [line('100.00', [{ type: 'IVA', rate: '10' }], ['10.00'])],
      [row('IVA', '10', '100.00', '10.00'), row('RE', '5.2', '100.00', '5.20')],
    );
    expect(() => outputTaxes(invoice)).toThrow(/breakdown.RE.0: recargo de equivalencia 5.2/);
  });

  it('writes exempt rows at rate 0 with a zero quota', () => {
    const exempt = { type: 'IVA', rate: '0', exemption: 'E1' } as const;
    const invoice = withBreakdown(
      [line('1200.00', [exempt], ['0.00'])],
      [{ ...row('IVA', '0', '1200.00', '0.00'), exemption: 'E1' }],
    );
    expect(buildInvoiceTaxes(invoice)).toBe(
      '<TaxesOutputs><Tax><TaxTypeCode>01</TaxTypeCode><TaxRate>0.00</TaxRate>' +
        '<TaxableBase><TotalAmount>1200.00</TotalAmount></TaxableBase>' +
        '<TaxAmount><TotalAmount>0.00</TotalAmount></TaxAmount></Tax></TaxesOutputs>',
    );
  });

  it('needs at least one IVA or IGIC row', () => {
    expect(() => buildInvoiceTaxes(withBreakdown([], []))).toThrow(/at least one IVA or IGIC/);
  });
});

describe('line taxes', () => {
  it('merges a line recargo into its IVA and separates IRPF', () => {
    const taxes = lineTaxes(
      line('100.00', [IVA21, RE52, { type: 'IRPF', rate: '15' }], ['21.00', '5.20', '15.00'])
        .taxAmounts,
      'lines.0',
    );
    expect(taxes).toEqual({
      outputs: [
        {
          type: 'IVA',
          rate: '21',
          base: '100.00',
          amount: '21.00',
          surcharge: { rate: '5.2', amount: '5.20' },
        },
      ],
      withheld: [{ rate: '15', base: '100.00', amount: '15.00' }],
    });
  });

  it('names the special taxable event of exempt and not-subject lines', () => {
    const exempt = lineTaxes(
      line('50.00', [{ type: 'IVA', rate: '0', exemption: 'E5' }], ['0.00']).taxAmounts,
      'lines.0',
    );
    expect(exempt.event).toEqual({
      code: '01',
      reason:
        'Operación exenta por el artículo 25 de la Ley 37/1992 del IVA (entregas intracomunitarias)',
    });
    expect(specialTaxableEvent({ type: 'IVA', rate: '0', notSubject: 'N1' })).toEqual({
      code: '02',
      reason: 'Operación no sujeta por el artículo 7, 14 u otros',
    });
    expect(specialTaxableEvent({ type: 'IGIC', rate: '0', exemption: 'E1' })?.reason).toContain(
      'IGIC',
    );
    expect(specialTaxableEvent(IVA21)).toBeUndefined();
  });

  it('needs exactly one IVA or IGIC per line', () => {
    expect(() =>
      lineTaxes(line('1.00', [{ type: 'IRPF', rate: '15' }], ['0.15']).taxAmounts, 'lines.3'),
    ).toThrow(/lines.3.taxAmounts/);
  });

  it('prints rates and amounts in the XSD forms', () => {
    expect(
      outputTaxXml(
        {
          type: 'IVA',
          rate: '5',
          base: '-10',
          amount: '-0.5',
          surcharge: { rate: '0.62', amount: '-0.06' },
        },
        'p',
      ),
    ).toBe(
      '<Tax><TaxTypeCode>01</TaxTypeCode><TaxRate>5.00</TaxRate>' +
        '<TaxableBase><TotalAmount>-10.00</TotalAmount></TaxableBase>' +
        '<TaxAmount><TotalAmount>-0.50</TotalAmount></TaxAmount>' +
        '<EquivalenceSurcharge>0.62</EquivalenceSurcharge>' +
        '<EquivalenceSurchargeAmount><TotalAmount>-0.06</TotalAmount></EquivalenceSurchargeAmount></Tax>',
    );
    expect(withheldTaxXml({ rate: '7', base: '100', amount: '7' }, 'p')).toContain(
      '<TaxTypeCode>04</TaxTypeCode><TaxRate>7.00</TaxRate>',
    );
  });
});
