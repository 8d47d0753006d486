import type { CorrectiveData } from '@sello/core/invoices';
import { describe, expect, it } from 'vitest';
import { sampleInvoice } from '../../testing/index.ts';
import { buildCorrective, buildInvoiceHeader, REASON_DESCRIPTIONS } from './invoice-header.ts';

const corrective: CorrectiveData = {
  originalId: 'inv_0',
  originalNumber: '2026-0007',
  originalSeries: 'A',
  originalIssueDate: '2026-02-10',
  reasonCode: '16',
  reasonDescription: 'Devolución de una unidad',
  method: 'differences',
  period: { start: '2026-02-01', end: '2026-02-28' },
};

describe('buildInvoiceHeader', () => {
  it('writes an original full invoice', () => {
    expect(buildInvoiceHeader(sampleInvoice())).toBe(
      '<InvoiceHeader><InvoiceNumber>2026-0001</InvoiceNumber><InvoiceSeriesCode>A</InvoiceSeriesCode>' +
        '<InvoiceDocumentType>FC</InvoiceDocumentType><InvoiceClass>OO</InvoiceClass></InvoiceHeader>',
    );
  });

  it('omits an empty series', () => {
    expect(buildInvoiceHeader(sampleInvoice({ series: '' }))).not.toContain('InvoiceSeriesCode');
  });

  it('writes a corrective invoice as OR with its Corrective block', () => {
    const xml = buildInvoiceHeader(sampleInvoice({ kind: 'corrective', series: 'R', corrective }));
    expect(xml).toBe(
      '<InvoiceHeader><InvoiceNumber>2026-0001</InvoiceNumber><InvoiceSeriesCode>R</InvoiceSeriesCode>' +
        '<InvoiceDocumentType>FC</InvoiceDocumentType><InvoiceClass>OR</InvoiceClass><Corrective>' +
        '<InvoiceNumber>2026-0007</InvoiceNumber><InvoiceSeriesCode>A</InvoiceSeriesCode>' +
        '<ReasonCode>16</ReasonCode><ReasonDescription>Base imponible</ReasonDescription>' +
        '<TaxPeriod><StartDate>2026-02-01</StartDate><EndDate>2026-02-28</EndDate></TaxPeriod>' +
        '<CorrectionMethod>02</CorrectionMethod>' +
        '<CorrectionMethodDescription>Rectificación por diferencias</CorrectionMethodDescription>' +
        '<AdditionalReasonDescription>Devolución de una unidad</AdditionalReasonDescription>' +
        '<InvoiceIssueDate>2026-02-10</InvoiceIssueDate></Corrective></InvoiceHeader>',
    );
  });

  it('writes substitution as method 01', () => {
    const xml = buildCorrective({ ...corrective, method: 'substitution', reasonCode: '01' });
    expect(xml).toContain(
      '<ReasonCode>01</ReasonCode><ReasonDescription>Número de la factura</ReasonDescription>',
    );
    expect(xml).toContain(
      '<CorrectionMethod>01</CorrectionMethod><CorrectionMethodDescription>Rectificación íntegra',
    );
  });

  it('knows the 22 reason codes of the schema', () => {
    expect(Object.keys(REASON_DESCRIPTIONS)).toHaveLength(22);
    expect(() => buildCorrective({ ...corrective, reasonCode: '17' })).toThrow(
      /corrective.reasonCode/,
    );
  });

  it('needs the corrective data of a corrective invoice', () => {
    expect(() => buildInvoiceHeader(sampleInvoice({ kind: 'corrective' }))).toThrow(/corrective/);
  });
});
