import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  acceptanceInvoice,
  correctiveInvoice,
  draftInvoice,
  exoticInvoice,
  longInvoice,
  QR_URL,
} from '../../../test/conformance/pdf/fixtures.ts';
import type { Invoice } from './model.ts';
import { renderInvoicePdf } from './render.ts';

const now = new Date('2026-11-23T10:15:00Z');

/** A solid-colour RGB PNG, built by hand so the logo test needs no image file. */
function png(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const load = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false });

describe('renderInvoicePdf', () => {
  it('renders the acceptance invoice as one A4 page with its metadata', async () => {
    const bytes = await renderInvoicePdf(acceptanceInvoice('es'), { now });
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe('Factura A-2026-0042');
    expect(doc.getAuthor()).toBe('Talleres García Núñez, S.L.');
    expect(doc.getProducer()).toBe('Sello');
    expect(doc.getCreationDate()?.toISOString()).toBe(now.toISOString());
  });

  it('is byte-for-byte deterministic for a fixed `now`', async () => {
    const options = { now, verifactu: { qrUrl: QR_URL } };
    const a = await renderInvoicePdf(acceptanceInvoice('ca'), options);
    const b = await renderInvoicePdf(acceptanceInvoice('ca'), options);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('paginates long invoices', async () => {
    const forty = await load(await renderInvoicePdf(longInvoice(40, 'es'), { now }));
    const many = await load(await renderInvoicePdf(longInvoice(300, 'en'), { now }));
    expect(forty.getPageCount()).toBeGreaterThanOrEqual(2);
    expect(many.getPageCount()).toBeGreaterThan(5);
  });

  it('titles drafts without a number and correctives as such', async () => {
    const draft = await load(await renderInvoicePdf(draftInvoice('en'), { now }));
    expect(draft.getTitle()).toBe('Invoice not numbered');
    const issuedAsDraft = await load(
      await renderInvoicePdf(acceptanceInvoice('es'), { now, draft: true }),
    );
    expect(issuedAsDraft.getTitle()).toBe('Factura sin número');
    const corrective = await load(await renderInvoicePdf(correctiveInvoice('es'), { now }));
    expect(corrective.getTitle()).toBe('Factura rectificativa R-2026-0003');
  });

  it('draws names no standard font can encode instead of throwing', async () => {
    const doc = await load(await renderInvoicePdf(exoticInvoice(), { now }));
    expect(doc.getPageCount()).toBe(1);
  });

  it('embeds a PNG logo and ignores one that is not a PNG', async () => {
    const withLogo = await load(
      await renderInvoicePdf(acceptanceInvoice('es'), {
        now,
        branding: { logo: png(120, 40, [31, 78, 121]), accentColor: '#c0392b' },
      }),
    );
    const resources = withLogo.getPage(0).node.Resources();
    expect(resources?.lookup(PDFName.of('XObject'))).toBeDefined();
    const broken = await renderInvoicePdf(acceptanceInvoice('es'), {
      now,
      branding: { logo: new Uint8Array([1, 2, 3]), accentColor: 'not a colour' },
    });
    expect((await load(broken)).getPageCount()).toBe(1);
  });

  it('embeds a JPEG logo as DCT and ignores a broken one', async () => {
    const jpeg = readFileSync(
      join(import.meta.dirname, '../../../test/fixtures/branding/logo.jpg'),
    );
    const doc = await load(
      await renderInvoicePdf(acceptanceInvoice('es'), { now, branding: { logo: jpeg } }),
    );
    const xobjects = doc.getPage(0).node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    const image = xobjects?.lookup(PDFName.of('Im1'), PDFStream);
    expect(image?.dict.get(PDFName.of('Filter'))).toEqual(PDFName.of('DCTDecode'));
    expect(image?.dict.get(PDFName.of('Width'))?.toString()).toBe('360');
    const broken = await renderInvoicePdf(acceptanceInvoice('es'), {
      now,
      branding: { logo: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 2]) },
    });
    const plain = (await load(broken)).getPage(0).node.Resources();
    expect(
      plain?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.get(PDFName.of('Im1')),
    ).toBeUndefined();
  });

  it('copes with an invoice without payment, notes, lines or breakdown', async () => {
    const bare: Invoice = {
      ...acceptanceInvoice('en'),
      lines: [],
      breakdown: [],
      totals: { net: '0.00', tax: '0.00', withheld: '0.00', total: '0.00' },
      payment: undefined,
      notes: undefined,
    };
    expect((await load(await renderInvoicePdf(bare, { now }))).getPageCount()).toBe(1);
  });

  it('flows notes longer than a page and splits a line taller than a page', async () => {
    const base = acceptanceInvoice('es');
    const huge = 'Texto de condiciones generales muy extenso. '.repeat(600);
    const inv: Invoice = {
      ...base,
      notes: huge,
      lines: [{ ...base.lines[0]!, description: huge }, ...base.lines.slice(1)],
    };
    const doc = await load(await renderInvoicePdf(inv, { now }));
    expect(doc.getPageCount()).toBeGreaterThan(4);
  });
});
