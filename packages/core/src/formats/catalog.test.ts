import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors.ts';
import {
  artifactKey,
  CONTENT_TYPES,
  documentFileName,
  FILE_EXTENSIONS,
  getInvoiceDocument,
  storedFormatsOf,
} from '../invoices/documents.ts';
import type { Invoice } from '../invoices/model.ts';
import {
  applicableFormats,
  DELIVERY_FORMATS,
  FORMAT_IDS,
  formatFacts,
  INBOX_FORMATS,
  isFormatId,
  READABLE_FORMATS,
  STORED_FORMATS,
} from './catalog.ts';

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

describe('the formats catalog', () => {
  it('lists each kind of format as the API and the domain always had them', () => {
    expect(FORMAT_IDS).toEqual(['pdf', 'facturae', 'ubl', 'cii', 'verifactu', 'cfdi']);
    expect(STORED_FORMATS).toEqual(['pdf', 'facturae', 'cfdi']);
    expect(DELIVERY_FORMATS).toEqual(['pdf', 'facturae', 'ubl', 'cfdi']);
    expect(INBOX_FORMATS).toEqual(['pdf', 'facturae', 'ubl', 'cii', 'cfdi']);
    expect(READABLE_FORMATS).toEqual(['facturae', 'ubl', 'cii']);
  });

  it('keeps file names, media types and object keys', () => {
    expect(FILE_EXTENSIONS).toEqual({
      pdf: 'pdf',
      facturae: 'xsig',
      ubl: 'ubl.xml',
      cii: 'cii.xml',
      verifactu: 'verifactu.xml',
      cfdi: 'cfdi.xml',
    });
    expect(CONTENT_TYPES).toMatchObject({ pdf: 'application/pdf', facturae: 'application/xml' });
    const i = invoice();
    expect(documentFileName(i, 'facturae')).toBe('F2026_000001.xsig');
    expect(artifactKey(i, 'facturae')).toBe('tenants/ten_1/invoices/inv_1/F2026_000001.xml');
    expect(artifactKey(i, 'pdf')).toBe('tenants/ten_1/invoices/inv_1/F2026_000001.pdf');
    expect(artifactKey(i, 'cfdi')).toBe('tenants/ten_1/invoices/inv_1/F2026_000001.cfdi.xml');
  });

  it('answers an unknown id with a 400 naming `format`', () => {
    expect(isFormatId('ubl')).toBe(true);
    expect(isFormatId('xlsx')).toBe(false);
    expect(() => formatFacts('xlsx')).toThrow(ValidationError);
    expect(() => formatFacts('xlsx')).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'format' })] }),
    );
  });

  it('filters by where each format applies', () => {
    expect(applicableFormats(invoice(), FORMAT_IDS)).toEqual(
      FORMAT_IDS.filter((f) => f !== 'cfdi'),
    );
    expect(applicableFormats(imported('ubl'), FORMAT_IDS)).toEqual(['pdf', 'ubl', 'cii']);
    expect(applicableFormats(imported('facturae'), FORMAT_IDS)).toEqual([
      'pdf',
      'facturae',
      'ubl',
      'cii',
    ]);
    const mexican = (status: 'pending' | 'refused' | 'stamped') =>
      invoice({ issuer: { address: { country: 'MX' } }, cfdi: { status } } as Partial<Invoice>);
    // A CFDI is only a CFDI, and has documents once stamped.
    expect(applicableFormats(mexican('stamped'), FORMAT_IDS)).toEqual(['pdf', 'cfdi']);
    expect(applicableFormats(mexican('pending'), FORMAT_IDS)).toEqual([]);
    expect(applicableFormats(mexican('refused'), FORMAT_IDS)).toEqual([]);
    expect(storedFormatsOf(mexican('stamped'))).toEqual(['pdf', 'cfdi']);
    expect(storedFormatsOf(imported('ubl'))).toEqual(['pdf']);
    expect(storedFormatsOf(invoice())).toEqual(['pdf', 'facturae']);
  });
});

describe('getInvoiceDocument by the catalog', () => {
  const read = (found: Invoice) =>
    getInvoiceDocument({
      invoices: { get: async () => found } as never,
      artifacts: { get: async () => undefined },
      documents: { ensure: async () => ({}) as never },
      preview: async () => new TextEncoder().encode('preview'),
      exporter: {
        ubl: () => new TextEncoder().encode('<ubl/>'),
        cii: () => new TextEncoder().encode('<cii/>'),
        verifactu: async () => new TextEncoder().encode('<RegistroAlta/>'),
      },
    });

  it('refuses an unknown format before reading anything', async () => {
    await expect(read(invoice())('ten_1', 'inv_1', 'xlsx' as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('previews a draft only as PDF, naming the format it has not', async () => {
    const draft = invoice({ status: 'draft', number: undefined } as Partial<Invoice>);
    expect((await read(draft)('ten_1', 'inv_1', 'pdf')).contentType).toBe('application/pdf');
    await expect(read(draft)('ten_1', 'inv_1', 'verifactu')).rejects.toThrow(
      new ConflictError('A draft has no VERI*FACTU record until it is issued; preview it as PDF'),
    );
  });

  it('builds the on-request formats, and refuses those that do not apply', async () => {
    const got = await read(invoice())('ten_1', 'inv_1', 'verifactu');
    expect(new TextDecoder().decode(got.bytes)).toBe('<RegistroAlta/>');
    expect(got.contentType).toBe('application/xml');
    await expect(read(imported('ubl'))('ten_1', 'inv_1', 'verifactu')).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(read(imported('ubl'))('ten_1', 'inv_1', 'facturae')).rejects.toThrow(
      'was imported as UBL; it has no Facturae',
    );
  });
});
