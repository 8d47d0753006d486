import { describe, expect, it } from 'vitest';
import { sampleInvoice } from '../../testing/index.ts';
import { buildIssueData } from './issue-data.ts';

describe('buildIssueData', () => {
  it('writes the issue date, EUR as invoice and tax currency, and the language', () => {
    expect(buildIssueData(sampleInvoice())).toBe(
      '<InvoiceIssueData><IssueDate>2026-03-15</IssueDate><InvoiceCurrencyCode>EUR</InvoiceCurrencyCode>' +
        '<TaxCurrencyCode>EUR</TaxCurrencyCode><LanguageName>es</LanguageName></InvoiceIssueData>',
    );
  });

  it('adds the operation date when it differs, and a description', () => {
    const xml = buildIssueData(
      sampleInvoice({ operationDate: '2026-02-28', language: 'ca' }),
      'Serveis de febrer',
    );
    expect(xml).toContain(
      '<IssueDate>2026-03-15</IssueDate><OperationDate>2026-02-28</OperationDate>',
    );
    expect(xml).toContain('<LanguageName>ca</LanguageName><InvoiceDescription>Serveis de febrer');
    expect(buildIssueData(sampleInvoice({ operationDate: '2026-03-15' }))).not.toContain(
      'OperationDate',
    );
  });

  it('needs an issue date', () => {
    expect(() => buildIssueData(sampleInvoice({ issueDate: '' }))).toThrow(/issueDate/);
  });
});
