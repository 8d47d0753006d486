import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnreadableDocumentError } from '@sello/core/documents';
import { parseDocument } from '@sello/formats/parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { golden, sample } from './support.ts';

const UBL = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';

/** Runs `fn`, expecting a refusal; returns the error and how long the refusal took. */
/** The refusal `fn` throws; its `reason` names the check that refused (size, DOCTYPE …). */
function refusal(fn: () => unknown): { error: UnreadableDocumentError } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableDocumentError);
    return { error: error as UnreadableDocumentError };
  }
  throw new Error('the document was accepted');
}

describe('hostile XML is refused before any parser sees it, and nothing is fetched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sello-xxe-'));
  const secretFile = join(dir, 'secret.txt');
  const SECRET = 'TOP-SECRET-7f3a9c';
  writeFileSync(secretFile, SECRET);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('<!ENTITY leak "fetched">');
  });
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('XXE: an external entity naming a file:// URL is never resolved', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file://${secretFile}">]><Invoice xmlns="${UBL}"><cbc:ID xmlns:cbc="x">&xxe;</cbc:ID></Invoice>`;
    const { error } = refusal(() => parseDocument(xxe));
    expect(error.reason).toBe('doctype');
    expect(JSON.stringify({ message: error.message, errors: error.errors })).not.toContain(SECRET);
  });

  it('XXE over the network: neither an external DTD nor a parameter entity is fetched', () => {
    for (const xml of [
      `<!DOCTYPE Invoice SYSTEM "${base}/evil.dtd"><Invoice xmlns="${UBL}"/>`,
      `<!DOCTYPE Invoice [<!ENTITY % p SYSTEM "${base}/p.dtd"> %p;]><Invoice xmlns="${UBL}">&leak;</Invoice>`,
    ]) {
      expect(refusal(() => parseDocument(xml)).error.reason).toBe('doctype');
    }
    expect(requests).toEqual([]);
  });

  it('a DOCTYPE in a signed Facturae is refused before the signature verifier parses it', () => {
    const signed = golden('iva21-simple.xsig');
    const xml = signed.replace(
      '<fe:Facturae',
      `<!DOCTYPE fe:Facturae [<!ENTITY x SYSTEM "${base}/sig.dtd">]><fe:Facturae`,
    );
    expect(refusal(() => parseDocument(xml)).error.reason).toBe('doctype');
    expect(requests).toEqual([]);
  });

  it('billion laughs: refused at once, never expanded', () => {
    const entities = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 10; i++) {
      entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    }
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [${entities.join('')}]><Invoice xmlns="${UBL}">&lol10;</Invoice>`;
    const { error } = refusal(() => parseDocument(bomb));
    expect(error.reason).toBe('doctype');
  });

  it('an entity reference without a declaration is refused too', () => {
    expect(
      refusal(() => parseDocument(`<Invoice xmlns="${UBL}">&lol9;</Invoice>`)).error.reason,
    ).toBe('not-xml');
  });

  it('a 10 MB body is refused by its size before it is decoded or parsed', () => {
    const huge = Buffer.alloc(10 * 1024 * 1024, 0x20);
    huge.write(`<Invoice xmlns="${UBL}">`, 0);
    const { error } = refusal(() => parseDocument(huge));
    expect(error.reason).toBe('too-large');
    expect(error.errors).toEqual([
      { path: 'body', message: 'The document is 10485760 bytes; the limit is 5242880 bytes' },
    ]);
    expect(refusal(() => parseDocument('<r/>', { maxBytes: 3 })).error.reason).toBe('too-large');
  });

  it('deep nesting, non-XML and unknown roots are refused with a clear reason', () => {
    const deep = `<Invoice xmlns="${UBL}">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</Invoice>`;
    expect(refusal(() => parseDocument(deep)).error.message).toBe(
      'The body is not well-formed XML: elements nested over 256 deep',
    );
    expect(refusal(() => parseDocument('%PDF-1.7 …')).error.reason).toBe('not-xml');
    const html = refusal(() => parseDocument('<html xmlns="http://www.w3.org/1999/xhtml"/>'));
    expect(html.error.reason).toBe('unknown-root');
    expect(html.error.message).toBe(
      'The root element {http://www.w3.org/1999/xhtml}html is not a Facturae 3.2.x, UBL 2.1 Invoice or CreditNote, or CII CrossIndustryInvoice',
    );
  });

  it('the process stays healthy: a real invoice still parses after all of the above', () => {
    const doc = parseDocument(sample('ubl/peppol-base-example.xml'));
    expect(doc.valid).toBe(true);
    expect(doc.invoice!.totals.payable).toBe('1656.25');
  });
});
