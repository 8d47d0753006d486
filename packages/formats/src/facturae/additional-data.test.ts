import { describe, expect, it } from 'vitest';
import { LINES, sampleInvoice } from '../../testing/index.ts';
import { buildAdditionalData, buildLegalLiterals } from './additional-data.ts';

describe('legal literals', () => {
  it('cites each exemption reason once', () => {
    const exempt = {
      ...LINES[2]!,
      taxes: [{ type: 'IVA' as const, rate: '0', exemption: 'E1' as const }],
    };
    const xml = buildLegalLiterals(sampleInvoice({ lines: [exempt, exempt] }), [
      'Inscrita en el R.M.',
    ]);
    expect(xml).toBe(
      '<LegalLiterals><LegalReference>Operación exenta por el artículo 20 de la Ley 37/1992 del IVA' +
        '</LegalReference><LegalReference>Inscrita en el R.M.</LegalReference></LegalLiterals>',
    );
  });

  it('writes nothing for a fully taxed invoice', () => {
    expect(buildLegalLiterals(sampleInvoice())).toBe('');
  });
});

describe('additional data', () => {
  it('carries the notes, escaped', () => {
    expect(buildAdditionalData(sampleInvoice({ notes: 'Entrega <urgente> & frágil' }))).toBe(
      '<AdditionalData><InvoiceAdditionalInformation>Entrega &lt;urgente&gt; &amp; frágil' +
        '</InvoiceAdditionalInformation></AdditionalData>',
    );
  });

  it('names the corrected invoice of a corrective', () => {
    const xml = buildAdditionalData(
      sampleInvoice({
        kind: 'corrective',
        corrective: {
          originalId: 'inv_0',
          originalNumber: '2026-0007',
          originalSeries: 'A',
          originalIssueDate: '2026-02-10',
          reasonCode: '16',
          reasonDescription: 'x',
          method: 'differences',
          period: { start: '2026-02-01', end: '2026-02-28' },
        },
      }),
      'QR: https://example.test/q',
    );
    expect(xml).toBe(
      '<AdditionalData><RelatedInvoice>A2026-0007</RelatedInvoice>' +
        '<InvoiceAdditionalInformation>QR: https://example.test/q</InvoiceAdditionalInformation>' +
        '</AdditionalData>',
    );
  });

  it('writes nothing when there is nothing to add', () => {
    expect(buildAdditionalData(sampleInvoice())).toBe('');
  });
});
