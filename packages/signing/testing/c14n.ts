import { DOMParser, type Element } from '@xmldom/xmldom';
import { C14nCanonicalization, findAncestorNs } from 'xml-crypto';
import { DS_NS } from '../src/xades/constants.ts';
import type { SignedFacturae } from '../src/xades/sign.ts';

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
