import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectFastPathAgreement,
  type FacturaeFixture,
  realCanonicalForms,
  type TestSigningIdentity,
  testIdentity,
  unsignedFacturae,
} from '../../testing/index.ts';
import { canonicalizeRoot } from './canonicalize.ts';
import { signFacturaeDetailed } from './sign.ts';

/**
 * The fast path never canonicalises: it digests strings it wrote in canonical form. This proves,
 * for varied invoices, that those strings are byte for byte what a real C14N implementation
 * (xml-crypto, inclusive C14N 1.0) makes of the same nodes of the signed document. The invoices
 * are vendored builder output (testing/fixtures); @sello/formats runs the same check on what its
 * builder writes today.
 */
const DOCUMENTS: [string, FacturaeFixture][] = [
  ['the DESIGN example', 'design'],
  ['text that needs escaping (&, <, >, quotes, CR, tab, astral characters)', 'escaping'],
  ['a corrective with negative amounts', 'corrective'],
  ['a foreign customer of unknown kind, in English, with an exempt line', 'foreign-exempt'],
];

let id: TestSigningIdentity;
beforeAll(async () => {
  id = await testIdentity();
});

describe('fast-path canonical forms equal xml-crypto C14N', () => {
  it.each(DOCUMENTS)('%s', async (_name, fixture) => {
    await expectFastPathAgreement(unsignedFacturae(fixture), id);
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
