import { describe, expect, it } from 'vitest';
import { LINES } from '../../testing/index.ts';
import { buildInvoiceLine, buildItems } from './items.ts';

describe('items', () => {
  it('writes a line with IRPF: TaxesWithheld before TaxesOutputs, as the schema orders them', () => {
    expect(buildInvoiceLine(LINES[0]!, 'es', 0)).toBe(
      '<InvoiceLine><ItemDescription>Consultoría</ItemDescription><Quantity>2</Quantity>' +
        '<UnitOfMeasure>01</UnitOfMeasure><UnitPriceWithoutTax>150.00</UnitPriceWithoutTax>' +
        '<TotalCost>300.00</TotalCost><GrossAmount>300.00</GrossAmount>' +
        '<TaxesWithheld><Tax><TaxTypeCode>04</TaxTypeCode><TaxRate>15.00</TaxRate>' +
        '<TaxableBase><TotalAmount>300.00</TotalAmount></TaxableBase>' +
        '<TaxAmount><TotalAmount>45.00</TotalAmount></TaxAmount></Tax></TaxesWithheld>' +
        '<TaxesOutputs><Tax><TaxTypeCode>01</TaxTypeCode><TaxRate>21.00</TaxRate>' +
        '<TaxableBase><TotalAmount>300.00</TotalAmount></TaxableBase>' +
        '<TaxAmount><TotalAmount>63.00</TotalAmount></TaxAmount></Tax></TaxesOutputs></InvoiceLine>',
    );
  });

  it('writes a discounted line: TotalCost, the discount, and the base as GrossAmount', () => {
    const xml = buildInvoiceLine(LINES[1]!, 'en', 1);
    expect(xml).toContain(
      '<TotalCost>60.00</TotalCost><DiscountsAndRebates><Discount>' +
        '<DiscountReason>Discount</DiscountReason><DiscountRate>10.00</DiscountRate>' +
        '<DiscountAmount>6.00</DiscountAmount></Discount></DiscountsAndRebates>' +
        '<GrossAmount>54.00</GrossAmount>',
    );
  });

  it('keeps unit prices and unrounded costs up to 8 decimals', () => {
    const xml = buildInvoiceLine(
      {
        ...LINES[2]!,
        quantity: '3',
        unitPrice: '0.333333',
        gross: '0.999999',
        discount: '0',
        net: '1.00',
        unit: '36',
        taxAmounts: [{ type: 'IVA', rate: '4', base: '1.00', amount: '0.04' }],
      },
      'es',
      2,
    );
    expect(xml).toContain(
      '<Quantity>3</Quantity><UnitOfMeasure>36</UnitOfMeasure>' +
        '<UnitPriceWithoutTax>0.333333</UnitPriceWithoutTax><TotalCost>0.999999</TotalCost>' +
        '<GrossAmount>1.00</GrossAmount>',
    );
  });

  it('adds the special taxable event after the taxes of an exempt line', () => {
    const xml = buildInvoiceLine(
      {
        ...LINES[2]!,
        taxes: [{ type: 'IVA', rate: '0', exemption: 'E1' }],
        taxAmounts: [{ type: 'IVA', rate: '0', exemption: 'E1', base: '25.00', amount: '0.00' }],
      },
      'es',
      0,
    );
    expect(xml).toMatch(
      /<\/TaxesOutputs><SpecialTaxableEvent><SpecialTaxableEventCode>01<\/SpecialTaxableEventCode><SpecialTaxableEventReason>Operación exenta por el artículo 20 .*<\/SpecialTaxableEventReason><\/SpecialTaxableEvent><\/InvoiceLine>$/,
    );
  });

  it('maps unit names to UnitOfMeasure codes and anything else to 05 (Otros)', () => {
    const code = (unit: string | undefined) =>
      /<UnitOfMeasure>(\d+)<\/UnitOfMeasure>/.exec(
        buildInvoiceLine({ ...LINES[0]!, ...(unit === undefined ? {} : { unit }) }, 'es', 4),
      )?.[1];
    expect([undefined, 'ud', 'h', 'Horas', 'kg', 'l.', '36', 'KGM', 'palés'].map(code)).toEqual([
      '01',
      '01',
      '02',
      '02',
      '03',
      '04',
      '36',
      '05',
      '05',
    ]);
  });

  it('wraps every line in Items', () => {
    const xml = buildItems(LINES, 'es');
    expect(xml.match(/<InvoiceLine>/g)).toHaveLength(3);
    expect(xml.startsWith('<Items><InvoiceLine>')).toBe(true);
  });
});
