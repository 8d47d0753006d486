import { NotFoundError, ValidationError } from '@sello/core/errors';
import type { Invoice } from '@sello/core/invoices';
import type { Signer } from '@sello/core/ports';
import { buildRegistroAlta, type SistemaInformatico } from '@sello/core/verifactu';
import { describe, expect, it } from 'vitest';
import { SELLER, sampleInvoice } from '../../testing/index.ts';
import { FORMAT_READERS } from '../parse/readers.ts';
import { FORMAT_IDS, STORED_FORMATS } from './facts.ts';
import { invoiceFormats, ON_REQUEST_FORMAT_TABLE, STORED_FORMAT_TABLE } from './index.ts';

const ids = (formats: readonly { id: string }[]) => formats.map((f) => f.id);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const imported = (format: 'facturae' | 'ubl' | 'cii'): Invoice =>
  sampleInvoice({
    origin: 'import',
    imported: { format, key: 'k', importedAt: '2026-03-15T10:00:00Z' },
  } as Partial<Invoice>);

const SYSTEM: SistemaInformatico = {
  NombreRazon: 'Sello Software S.L.',
  NIF: 'B87654321',
  NombreSistemaInformatico: 'Sello',
  IdSistemaInformatico: 'SE',
  Version: '0.1.0',
  NumeroInstalacion: '1',
  TipoUsoPosibleSoloVerifactu: 'S',
  TipoUsoPosibleMultiOT: 'S',
  IndicadorMultiplesOT: 'S',
};

describe('the formats registry', () => {
  it('has one builder per id of the catalog, in its order, each with its facts', () => {
    expect(ids(invoiceFormats.list())).toEqual([...FORMAT_IDS]);
    expect(Object.keys(STORED_FORMAT_TABLE)).toEqual([...STORED_FORMATS]);
    expect(
      [...Object.keys(STORED_FORMAT_TABLE), ...Object.keys(ON_REQUEST_FORMAT_TABLE)].sort(),
    ).toEqual([...FORMAT_IDS].sort());
    const ubl = invoiceFormats.get('ubl');
    expect(ubl).toMatchObject({
      id: 'ubl',
      mediaType: 'application/xml',
      fileExtension: 'ubl.xml',
    });
    expect(invoiceFormats.get('facturae')).toMatchObject({
      fileExtension: 'xsig',
      stored: { extension: 'xml' },
    });
    expect(invoiceFormats.get('pdf')).toMatchObject({
      mediaType: 'application/pdf',
      stored: { extension: 'pdf' },
      preview: true,
    });
  });

  it('refuses an unknown id as a 400 naming `format`', () => {
    const lookup = () => invoiceFormats.get('cfdi-3.3');
    expect(lookup).toThrow(ValidationError);
    try {
      lookup();
    } catch (error) {
      expect((error as ValidationError).code).toBe('validation-error');
      expect((error as ValidationError).errors).toEqual([
        { path: 'format', message: `One of ${FORMAT_IDS.join(', ')}` },
      ]);
    }
  });

  it('gives each invoice the formats that apply to it', () => {
    expect(ids(invoiceFormats.applicableTo(sampleInvoice({ status: 'draft' })))).toEqual(['pdf']);
    expect(ids(invoiceFormats.applicableTo(sampleInvoice()))).toEqual([
      'pdf',
      'facturae',
      'ubl',
      'cii',
      'verifactu',
    ]);
    // An import has no Facturae of ours unless it came as one, and no record kept here.
    expect(ids(invoiceFormats.applicableTo(imported('ubl')))).toEqual(['pdf', 'ubl', 'cii']);
    expect(ids(invoiceFormats.applicableTo(imported('facturae')))).toEqual([
      'pdf',
      'facturae',
      'ubl',
      'cii',
    ]);
    // A record is a Spanish issuer's.
    const french = sampleInvoice({
      issuer: { ...SELLER, address: { ...SELLER.address, country: 'FR' } },
    });
    expect(ids(invoiceFormats.applicableTo(french))).not.toContain('verifactu');
  });

  it('builds the stored documents with the ports it is given', async () => {
    const drawn: unknown[] = [];
    // The signing key is asked for first: a tenant without one signs nothing.
    const signer = {} as Signer;
    const renderer = invoiceFormats.renderer({
      signer,
      signingKey: async () => {
        throw new Error('no key in this test');
      },
      stampedCfdi: async () => {
        throw new Error('no CFDI in this test');
      },
      drawPdf: async (invoice, options) => {
        drawn.push([invoice.id, options]);
        return new TextEncoder().encode('%PDF');
      },
      verifactuQrUrl: () => 'https://aeat.example/qr',
    });
    expect(text(await renderer.pdf(sampleInvoice(), { draft: false }))).toBe('%PDF');
    await renderer.pdf(sampleInvoice({ status: 'draft' }), { draft: true });
    expect(drawn).toEqual([
      ['inv_1', { draft: false, verifactuQrUrl: 'https://aeat.example/qr' }],
      ['inv_1', { draft: true }],
    ]);
    await expect(renderer.facturae(sampleInvoice(), { draft: false })).rejects.toThrow(
      'no key in this test',
    );
  });

  it('builds on request: UBL and CII with the QR URL, the latest VERI*FACTU record', async () => {
    const invoice = sampleInvoice();
    const record = buildRegistroAlta(invoice, {
      system: SYSTEM,
      generatedAt: new Date('2026-03-15T10:00:00Z'),
      timezone: 'Europe/Madrid',
    });
    const exporter = invoiceFormats.exporter({
      verifactuQrUrl: () => 'https://aeat.example/qr?n=1',
      verifactuRecord: async (i) => (i.id === invoice.id ? record : undefined),
    });
    expect(text(await exporter.ubl(invoice))).toContain('https://aeat.example/qr?n=1');
    expect(text(await exporter.cii(invoice))).toContain('https://aeat.example/qr?n=1');
    const xml = text(await exporter.verifactu(invoice));
    expect(xml).toContain('RegistroAlta');
    expect(xml).toContain(`<sum1:NumSerieFactura>${invoice.number}</sum1:NumSerieFactura>`);
    await expect(exporter.verifactu(sampleInvoice({ id: 'inv_2' }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('reads each format the catalog marks readable, and only those, with its reader', () => {
    expect(Object.keys(FORMAT_READERS)).toEqual(
      ids(invoiceFormats.list().filter((f) => f.readable)),
    );
  });
});
