import type { Invoice } from '@sello/core/invoices';
import { isXmlText } from '@sello/core/shared';
import { describe, expect, it } from 'vitest';
import { BUYER, SELLER, sampleInvoice } from '../../testing/index.ts';
import { buildCii } from '../cii/build.ts';
import { buildFacturae } from '../facturae/build.ts';
import { parseXml } from '../parse/xml.ts';
import { buildUbl } from '../ubl/build.ts';

/**
 * Characters XML 1.0 cannot carry (core's shared definition, xml-text.ts) never reach a
 * document: the Facturae, UBL and CII writers drop them, so what was stored before the API
 * refused them still makes a well-formed document (the VERI*FACTU writer refuses them instead,
 * see verifactu/records.test.ts).
 */
const dirty = (): Invoice => {
  const invoice = sampleInvoice();
  return {
    ...invoice,
    issuer: { ...SELLER, name: `${SELLER.name}\u0001` },
    customer: {
      ...BUYER,
      name: `${BUYER.name}\uFFFE`,
      address: { ...BUYER.address, line1: `${BUYER.address.line1}\u001f` },
    },
    lines: invoice.lines.map((l, i) =>
      i === 0 ? { ...l, description: `Revisión\u000b anual`, unit: 'h\u0000' } : l,
    ),
    notes: 'Nota\u000c final',
    payment: { ...invoice.payment!, terms: '30\u0008 días' },
  };
};

describe.each([
  ['Facturae', buildFacturae],
  ['UBL', buildUbl],
  ['CII', buildCii],
] as const)('the %s writer', (_name, build) => {
  it('leaves out every character XML cannot carry, and writes well-formed XML', () => {
    const xml = build(dirty());
    expect(isXmlText(xml)).toBe(true);
    expect(() => parseXml(xml)).not.toThrow();
    expect(xml).toContain('Revisión anual');
    expect(xml).not.toContain('&#');
  });
});
