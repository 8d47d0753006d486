import { describe, expect, it } from 'vitest';
import { testFormats } from '../../testing/formats.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { getInvoiceDocument } from './documents.ts';
import type { Invoice } from './model.ts';

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

describe('getInvoiceDocument, by the facts of the FormatCatalog port', () => {
  const stored: string[] = [];
  const read = (found: Invoice) =>
    getInvoiceDocument({
      invoices: { get: async () => found } as never,
      formats: testFormats,
      artifacts: {
        get: async (key) => {
          stored.push(key);
          return new TextEncoder().encode('stored');
        },
      },
      documents: { ensure: async () => ({}) },
      preview: async () => new TextEncoder().encode('preview'),
      exporter: { ubl: () => new TextEncoder().encode('<ubl/>') },
    });

  it('refuses an unknown format before reading anything', async () => {
    await expect(read(invoice())('ten_1', 'inv_1', 'xlsx')).rejects.toBeInstanceOf(ValidationError);
  });

  it('previews a draft only in the format that previews, naming the format it has not', async () => {
    const draft = invoice({ status: 'draft', number: undefined } as Partial<Invoice>);
    expect((await read(draft)('ten_1', 'inv_1', 'pdf')).contentType).toBe('application/pdf');
    await expect(read(draft)('ten_1', 'inv_1', 'ubl')).rejects.toThrow(
      new ConflictError('A draft has no UBL until it is issued; preview it as PDF'),
    );
  });

  it('reads stored formats under their key, builds the others, refuses what does not apply', async () => {
    const xml = await read(invoice())('ten_1', 'inv_1', 'facturae');
    expect(new TextDecoder().decode(xml.bytes)).toBe('stored');
    expect(stored.at(-1)).toBe('tenants/ten_1/invoices/inv_1/F2026_000001.xml');
    const ubl = await read(invoice())('ten_1', 'inv_1', 'ubl');
    expect(new TextDecoder().decode(ubl.bytes)).toBe('<ubl/>');
    expect(ubl.contentType).toBe('application/xml');
    await expect(read(imported('ubl'))('ten_1', 'inv_1', 'facturae')).rejects.toThrow(
      'was imported as UBL; it has no Facturae',
    );
    // A format the catalog has but the exporter builds not is a conflict, not a crash.
    await expect(read(invoice())('ten_1', 'inv_1', 'cii')).rejects.toBeInstanceOf(ConflictError);
  });
});
