import { createHash } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { expect } from 'vitest';
import { C14nCanonicalization, findAncestorNs } from 'xml-crypto';
import { DS_NS } from '../src/xades/constants.ts';
import { type SignedFacturae, signFacturaeDetailed } from '../src/xades/sign.ts';
import type { TestSigningIdentity } from './identity.ts';

/**
 * An independent oracle for the signing fast path, which never canonicalises but digests strings
 * it wrote in canonical form: what a real C14N implementation (xml-crypto, inclusive C14N 1.0)
 * makes of each digested node of the signed document.
 */
export function realCanonicalForms(signed: SignedFacturae): SignedFacturae['canonical'] {
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

/** The DigestValue of each ds:Reference, in document order. */
export function referenceDigests(xml: string): string[] {
  return [...xml.matchAll(/<ds:Reference [^>]*>.*?<ds:DigestValue>([^<]+)</g)].map((m) => m[1]!);
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');

function elementById(doc: ReturnType<typeof parse>, value: string): Element {
  const found = Array.from(doc.getElementsByTagName('*')).filter(
    (e) => e.getAttribute('Id') === value,
  );
  if (found.length !== 1)
    throw new Error(`expected one element with Id ${value}, found ${found.length}`);
  return found[0]!;
}

/**
 * Signs `xml` with each RSA algorithm through the fast path and checks what it digested against
 * xml-crypto's C14N of the signed document: the canonical forms, then the reference digests in
 * SignedInfo's order (SignedProperties, KeyInfo, the document). Answers the signed documents.
 */
export async function expectFastPathAgreement(
  xml: string,
  identity: Pick<TestSigningIdentity, 'signer' | 'keyId' | 'certificateDer'>,
): Promise<SignedFacturae[]> {
  const signedAll: SignedFacturae[] = [];
  for (const algorithm of ['RSASSA_PKCS1_V1_5_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256'] as const) {
    const signed = await signFacturaeDetailed(xml, {
      ...identity,
      algorithm,
      signingTime: new Date('2026-03-15T10:30:00Z'),
    });
    const real = realCanonicalForms(signed);
    expect(signed.canonical).toEqual(real);
    const hash = algorithm.endsWith('512') ? 'sha512' : 'sha256';
    const digest = (s: string) => createHash(hash).update(s).digest('base64');
    expect(referenceDigests(signed.xml)).toEqual([
      digest(real.signedProperties),
      digest(real.keyInfo),
      digest(real.document),
    ]);
    signedAll.push(signed);
  }
  return signedAll;
}
