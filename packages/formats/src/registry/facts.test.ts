import { ValidationError } from '@sello/core/errors';
import type { Invoice } from '@sello/core/invoices';
import { describe, expect, it } from 'vitest';
import {
  DELIVERY_FORMATS,
  FORMAT_IDS,
  formatFacts,
  formatLabel,
  formats,
  INBOX_FORMATS,
  isFormatId,
  READABLE_FORMATS,
  STORED_FORMATS,
} from './facts.ts';

const invoice = (overrides: Partial<Invoice> = {}) =>
  ({
    id: 'inv_1',
    tenantId: 'ten_1',
    status: 'issued',
    number: 'F2026/000001',
    issuer: { address: { country: 'ES' } },
    ...overrides,
  }) as Invoice;

const imported = (format: 'facturae' | 'ubl') =>
  invoice({ origin: 'import', imported: { format } } as Partial<Invoice>);

const mexican = (status: 'pending' | 'refused' | 'stamped') =>
  invoice({ issuer: { address: { country: 'MX' } }, cfdi: { status } } as Partial<Invoice>);

describe("the formats' facts", () => {
  it('list each kind of format as the API and the domain always had them', () => {
    expect(FORMAT_IDS).toEqual(['pdf', 'facturae', 'ubl', 'cii', 'verifactu', 'cfdi']);
    expect(STORED_FORMATS).toEqual(['pdf', 'facturae', 'cfdi']);
    expect(DELIVERY_FORMATS).toEqual(['pdf', 'facturae', 'ubl', 'cfdi']);
    expect(INBOX_FORMATS).toEqual(['pdf', 'facturae', 'ubl', 'cii', 'cfdi']);
    expect(READABLE_FORMATS).toEqual(['facturae', 'ubl', 'cii']);
    expect(formats.printFormat).toBe('pdf');
    expect(formats.originalIn('ES')).toBe('facturae');
    expect(formats.originalIn('MX')).toBe('cfdi');
    expect(formats.originalIn('FR')).toBeUndefined();
  });

  it('keep file names, media types, object keys and the portal labels', () => {
    expect(Object.fromEntries(FORMAT_IDS.map((f) => [f, formatFacts(f).fileExtension]))).toEqual({
      pdf: 'pdf',
      facturae: 'xsig',
      ubl: 'ubl.xml',
      cii: 'cii.xml',
      verifactu: 'verifactu.xml',
      cfdi: 'cfdi.xml',
    });
    expect(formatFacts('pdf').mediaType).toBe('application/pdf');
    expect(formatFacts('facturae').mediaType).toBe('application/xml');
    const i = invoice();
    expect(formats.fileName(i, 'facturae')).toBe('F2026_000001.xsig');
    expect(formats.artifactKey(i, 'facturae')).toBe(
      'tenants/ten_1/invoices/inv_1/F2026_000001.xml',
    );
    expect(formats.artifactKey(i, 'pdf')).toBe('tenants/ten_1/invoices/inv_1/F2026_000001.pdf');
    expect(formats.artifactKey(i, 'cfdi')).toBe(
      'tenants/ten_1/invoices/inv_1/F2026_000001.cfdi.xml',
    );
    expect(() => formats.artifactKey(i, 'ubl')).toThrow('not a stored format');
    expect(formatLabel('verifactu', 'es')).toBe('Registro VERI*FACTU');
    expect(formatLabel('cfdi', 'ca')).toBe('CFDI (XML timbrat)');
  });

  it('answer an unknown id with a 400 naming `format`', () => {
    expect(isFormatId('ubl')).toBe(true);
    expect(isFormatId('xlsx')).toBe(false);
    expect(() => formatFacts('xlsx')).toThrow(ValidationError);
    expect(() => formatFacts('xlsx')).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'format' })] }),
    );
  });

  it('say where each format applies', () => {
    expect(formats.applicable(invoice(), FORMAT_IDS)).toEqual(
      FORMAT_IDS.filter((f) => f !== 'cfdi'),
    );
    expect(formats.applicable(imported('ubl'), FORMAT_IDS)).toEqual(['pdf', 'ubl', 'cii']);
    expect(formats.applicable(imported('facturae'), FORMAT_IDS)).toEqual([
      'pdf',
      'facturae',
      'ubl',
      'cii',
    ]);
    // A CFDI is only a CFDI, and has documents once stamped.
    expect(formats.applicable(mexican('stamped'), FORMAT_IDS)).toEqual(['pdf', 'cfdi']);
    expect(formats.applicable(mexican('pending'), FORMAT_IDS)).toEqual([]);
    expect(formats.applicable(mexican('refused'), FORMAT_IDS)).toEqual([]);
    expect(formats.storedFor(mexican('stamped'))).toEqual(['pdf', 'cfdi']);
    expect(formats.storedFor(imported('ubl'))).toEqual(['pdf']);
    expect(formats.storedFor(invoice())).toEqual(['pdf', 'facturae']);
    expect(formatFacts('facturae').notApplicable?.(imported('ubl'))).toBe(
      'Invoice F2026/000001 was imported as UBL; it has no Facturae',
    );
  });
});
