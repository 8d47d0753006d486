import { createHash } from 'node:crypto';
import type { Invoice } from '@sello/core';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { C14nCanonicalization, findAncestorNs } from 'xml-crypto';
import { LINES, sampleInvoice } from '../../../formats/src/facturae/testing.ts';
import { buildFacturae } from '../../../formats/src/index.ts';
import type { LocalSigningIdentity } from '../../../local/src/signer/local-signer.ts';
import { canonicalizeRoot } from './canonicalize.ts';
import { DS_NS } from './constants.ts';
import { type SignedFacturae, signFacturaeDetailed } from './sign.ts';
import { testIdentity } from './testing.ts';

/**
 * The fast path never canonicalises: it digests strings it wrote in canonical form. This proves,
 * for varied invoices, that those strings are byte for byte what a real C14N implementation
 * (xml-crypto, inclusive C14N 1.0) makes of the same nodes of the signed document.
 */
const INVOICES: [string, Invoice][] = [
  ['the DESIGN example', sampleInvoice()],
  [
    'text that needs escaping (&, <, >, quotes, CR, tab, astral characters)',
    sampleInvoice({
      notes: 'Línea 1 & "dos" <tres> \'cuatro\'\r\nfin\tdel texto 🧾 €',
      customer: { ...sampleInvoice().customer, name: "O'Brien & Hijos <S.L.>" },
    }),
  ],
  [
    'a corrective with negative amounts',
    sampleInvoice({
      kind: 'corrective',
      series: 'R',
      lines: [
        {
          ...LINES[2]!,
          quantity: '-1',
          gross: '-25',
          net: '-25.00',
          taxAmounts: [{ type: 'IVA', rate: '4', base: '-25.00', amount: '-1.00' }],
        },
      ],
      breakdown: [{ type: 'IVA', rate: '4', base: '-25.00', amount: '-1.00', withheld: false }],
      totals: { net: '-25.00', tax: '-1.00', withheld: '0.00', total: '-26.00' },
      corrective: {
        originalId: 'inv_0',
        originalNumber: '2026-0007',
        originalSeries: 'A',
        originalIssueDate: '2026-02-10',
        reasonCode: '16',
        reasonDescription: 'Devolución',
        method: 'differences',
        period: { start: '2026-02-01', end: '2026-02-28' },
      },
    }),
  ],
  [
    'a foreign customer of unknown kind, in English, with an exempt line',
    sampleInvoice({
      language: 'en',
      customer: {
        taxId: 'PT123456789',
        taxIdKind: 'EU_VAT',
        personType: 'unknown',
        name: 'Lisboa Trading Lda',
        address: { line1: 'Rua Augusta 1', city: 'Lisboa', postalCode: '1100-048', country: 'PT' },
      },
      lines: [
        {
          ...LINES[2]!,
          taxes: [{ type: 'IVA', rate: '0', exemption: 'E5' }],
          taxAmounts: [{ type: 'IVA', rate: '0', exemption: 'E5', base: '25.00', amount: '0.00' }],
        },
      ],
      breakdown: [
        { type: 'IVA', rate: '0', exemption: 'E5', base: '25.00', amount: '0.00', withheld: false },
      ],
      totals: { net: '25.00', tax: '0.00', withheld: '0.00', total: '25.00' },
    }),
  ],
];

let id: LocalSigningIdentity;
beforeAll(async () => {
  id = await testIdentity();
});

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');

function elementById(doc: ReturnType<typeof parse>, value: string): Element {
  const found = Array.from(doc.getElementsByTagName('*')).filter(
    (e) => e.getAttribute('Id') === value,
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** What xml-crypto's inclusive C14N makes of each digested node of the signed document. */
function realCanonicalForms(signed: SignedFacturae) {
  const c14n = new C14nCanonicalization();
  const subset = (idValue: string) => {
    const doc = parse(signed.xml);
    const node = elementById(doc, idValue);
    const ancestorNamespaces = findAncestorNs(doc, `//*[@Id='${idValue}']`);
    return c14n.process(node as never, { ancestorNamespaces }) as string;
  };
  // The enveloped-signature transform, then C14N of the whole document.
  const doc = parse(signed.xml);
  const signature = doc.getElementsByTagNameNS(DS_NS, 'Signature')[0]!;
  signature.parentNode!.removeChild(signature);
  return {
    document: c14n.process(doc.documentElement as never, {}) as string,
    signedProperties: subset(signed.ids.signedProperties),
    keyInfo: subset(signed.ids.keyInfo),
    signedInfo: subset(signed.ids.signedInfo),
  };
}

function digestValues(xml: string): string[] {
  return [...xml.matchAll(/<ds:Reference [^>]*>.*?<ds:DigestValue>([^<]+)</g)].map((m) => m[1]!);
}

describe('fast-path canonical forms equal xml-crypto C14N', () => {
  it.each(INVOICES)('%s', async (_name, invoice) => {
    for (const algorithm of ['RSASSA_PKCS1_V1_5_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256'] as const) {
      const signed = await signFacturaeDetailed(buildFacturae(invoice), {
        signer: id.signer,
        keyId: id.keyId,
        certificateDer: id.certificateDer,
        algorithm,
        signingTime: new Date('2026-03-15T10:30:00Z'),
      });
      const real = realCanonicalForms(signed);
      expect(signed.canonical).toEqual(real);

      const hash = algorithm.endsWith('512') ? 'sha512' : 'sha256';
      const digest = (s: string) => createHash(hash).update(s).digest('base64');
      // SignedInfo lists SignedProperties, KeyInfo, then the document.
      expect(digestValues(signed.xml)).toEqual([
        digest(real.signedProperties),
        digest(real.keyInfo),
        digest(real.document),
      ]);
    }
  });

  it('also for a foreign document canonicalised first (default namespace, comments, odd layout)', async () => {
    const foreign =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      "<Facturae xmlns:z='urn:z' xmlns='urn:facturae' b='2' a=\"1\">\n" +
      '  <!-- comment -->\n  <Empty/>\n  <Text attr="x\ty">a &gt; b &amp; &#65;</Text>\n</Facturae>\n';
    const signed = await signFacturaeDetailed(foreign, {
      signer: id.signer,
      keyId: id.keyId,
      certificateDer: id.certificateDer,
      algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
      signingTime: new Date('2026-03-15T10:30:00Z'),
      canonicalize: canonicalizeRoot,
    });
    expect(
      signed.canonical.signedInfo.startsWith(
        '<ds:SignedInfo xmlns="urn:facturae" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" xmlns:z="urn:z" Id=',
      ),
    ).toBe(true);
    expect(signed.canonical).toEqual(realCanonicalForms(signed));
  });
});
