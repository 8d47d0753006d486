import type { Invoice } from '@sello/core/invoices';
import {
  expectFastPathAgreement,
  type TestSigningIdentity,
  testIdentity,
} from '@sello/signing/testing';
import { verifyFacturaeSignature } from '@sello/signing/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINES, sampleInvoice } from '../../testing/index.ts';
import { buildFacturae } from './build.ts';

/**
 * The signing fast path digests the builder's output as it is, trusting it to be in canonical
 * form. This proves, for varied invoices, that what the builder writes today signs into the very
 * octets a real C14N implementation (xml-crypto, inclusive C14N 1.0) reads from the signed
 * document. (The signing package runs the same check on vendored copies of these documents.)
 */
const INVOICES: [string, Invoice][] = [
  ['the DESIGN example', sampleInvoice()],
  [
    'text that needs escaping (&, <, >, quotes, CR, tab, astral characters)',
    sampleInvoice({
      notes: 'Línea 1 & "dos" <tres> \'cuatro\'\r\nfin\tdel texto 🧾 €',
      customer: { ...sampleInvoice().customer, name: "O'Brien & Hijos <S.L.>" },
    }),
  ],
  [
    'a corrective with negative amounts',
    sampleInvoice({
      kind: 'corrective',
      series: 'R',
      lines: [
        {
          ...LINES[2]!,
          quantity: '-1',
          gross: '-25',
          net: '-25.00',
          taxAmounts: [{ type: 'IVA', rate: '4', base: '-25.00', amount: '-1.00' }],
        },
      ],
      breakdown: [{ type: 'IVA', rate: '4', base: '-25.00', amount: '-1.00', withheld: false }],
      totals: { net: '-25.00', tax: '-1.00', withheld: '0.00', total: '-26.00' },
      corrective: {
        originalId: 'inv_0',
        originalNumber: '2026-0007',
        originalSeries: 'A',
        originalIssueDate: '2026-02-10',
        reasonCode: '16',
        reasonDescription: 'Devolución',
        method: 'differences',
        period: { start: '2026-02-01', end: '2026-02-28' },
      },
    }),
  ],
  [
    'a foreign customer of unknown kind, in English, with an exempt line',
    sampleInvoice({
      language: 'en',
      customer: {
        taxId: 'PT123456789',
        taxIdKind: 'EU_VAT',
        personType: 'unknown',
        name: 'Lisboa Trading Lda',
        address: { line1: 'Rua Augusta 1', city: 'Lisboa', postalCode: '1100-048', country: 'PT' },
      },
      lines: [
        {
          ...LINES[2]!,
          taxes: [{ type: 'IVA', rate: '0', exemption: 'E5' }],
          taxAmounts: [{ type: 'IVA', rate: '0', exemption: 'E5', base: '25.00', amount: '0.00' }],
        },
      ],
      breakdown: [
        { type: 'IVA', rate: '0', exemption: 'E5', base: '25.00', amount: '0.00', withheld: false },
      ],
      totals: { net: '25.00', tax: '0.00', withheld: '0.00', total: '25.00' },
    }),
  ],
];

let id: TestSigningIdentity;
beforeAll(async () => {
  id = await testIdentity();
});

describe('buildFacturae output, signed on the fast path', () => {
  it.each(INVOICES)(
    '%s: digests equal xml-crypto C14N and the signature verifies',
    async (_name, invoice) => {
      for (const signed of await expectFastPathAgreement(buildFacturae(invoice), id)) {
        expect(verifyFacturaeSignature(signed.xml)).toMatchObject({ valid: true, errors: [] });
      }
    },
  );
});
