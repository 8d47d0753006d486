import { describe, expect, it } from 'vitest';
import { sampleInvoice } from '../../testing/index.ts';
import { buildFileHeader } from './file-header.ts';

describe('buildFileHeader', () => {
  it('declares 3.2.2, an individual invoice issued by the seller, and a batch of one', () => {
    expect(buildFileHeader(sampleInvoice())).toBe(
      '<FileHeader><SchemaVersion>3.2.2</SchemaVersion><Modality>I</Modality>' +
        '<InvoiceIssuerType>EM</InvoiceIssuerType><Batch>' +
        '<BatchIdentifier>B12345674A2026-0001</BatchIdentifier><InvoicesCount>1</InvoicesCount>' +
        '<TotalInvoicesAmount><TotalAmount>409.34</TotalAmount></TotalInvoicesAmount>' +
        '<TotalOutstandingAmount><TotalAmount>409.34</TotalAmount></TotalOutstandingAmount>' +
        '<TotalExecutableAmount><TotalAmount>409.34</TotalAmount></TotalExecutableAmount>' +
        '<InvoiceCurrencyCode>EUR</InvoiceCurrencyCode></Batch></FileHeader>',
    );
  });

  it('needs an issued invoice (a number)', () => {
    const { number: _n, ...draft } = sampleInvoice();
    expect(() => buildFileHeader(draft)).toThrow(/number: the invoice has no number/);
  });
});
