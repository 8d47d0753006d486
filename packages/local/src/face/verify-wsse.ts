import { X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

/**
 * The FACe fake's check of a request's WS-Security header, independent of the adapter that writes
 * it: the document is parsed (xmldom) and the signature verified by xml-crypto against the
 * certificate of the BinarySecurityToken its KeyInfo points to. Beyond a valid signature it asks
 * what FACe asks: that the references cover this envelope's own Body and the Security header's
 * Timestamp (not look-alikes moved elsewhere: signature wrapping), and that the Timestamp is
 * current. Refusals carry WS-Security 1.0's fault codes (OASIS SOAP Message Security 1.0, §12).
 */

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
const X509V3 =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';

/** How far the requester's clock may be off ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

export type WsSecurityFault =
  | 'wsse:InvalidSecurity'
  | 'wsse:InvalidSecurityToken'
  | 'wsse:FailedCheck'
  | 'wsse:MessageExpired';

export type WsSecurityResult =
  | { ok: true; certificate: X509Certificate; operation: Element }
  | { ok: false; fault: WsSecurityFault; message: string };

const children = (parent: Element | null | undefined, ns: string, name: string): Element[] =>
  parent
    ? (Array.from(parent.childNodes).filter(
        (n) =>
          n.nodeType === 1 &&
          (n as Element).namespaceURI === ns &&
          (n as Element).localName === name,
      ) as Element[])
    : [];

const only = (parent: Element | null | undefined, ns: string, name: string) => {
  const found = children(parent, ns, name);
  return found.length === 1 ? found[0] : undefined;
};

export function verifyWsSecurity(xml: string, now: Date): WsSecurityResult {
  const refuse = (fault: WsSecurityFault, message: string): WsSecurityResult => ({
    ok: false,
    fault,
    message,
  });
  let envelope: Element | null;
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
    envelope = doc.documentElement;
  } catch (error) {
    return refuse('wsse:InvalidSecurity', `The request is not XML: ${(error as Error).message}`);
  }
  if (envelope?.namespaceURI !== SOAP_NS || envelope.localName !== 'Envelope') {
    return refuse('wsse:InvalidSecurity', 'Not a SOAP 1.1 envelope');
  }
  const header = only(envelope, SOAP_NS, 'Header');
  const body = only(envelope, SOAP_NS, 'Body');
  const security = only(header, WSSE_NS, 'Security');
  if (!body || !security) {
    return refuse('wsse:InvalidSecurity', 'The request has no wsse:Security header');
  }
  const timestamp = only(security, WSU_NS, 'Timestamp');
  const signature = only(security, DS_NS, 'Signature');
  if (!timestamp || !signature) {
    return refuse('wsse:InvalidSecurity', 'wsse:Security needs a wsu:Timestamp and a ds:Signature');
  }

  // KeyInfo → SecurityTokenReference → the BinarySecurityToken it names, in this header.
  const reference = only(
    only(only(signature, DS_NS, 'KeyInfo'), WSSE_NS, 'SecurityTokenReference'),
    WSSE_NS,
    'Reference',
  );
  const tokenId = reference?.getAttribute('URI')?.replace(/^#/, '');
  const token = children(security, WSSE_NS, 'BinarySecurityToken').find(
    (t) => t.getAttributeNS(WSU_NS, 'Id') === tokenId,
  );
  if (!tokenId || !token || token.getAttribute('ValueType') !== X509V3) {
    return refuse(
      'wsse:InvalidSecurityToken',
      'KeyInfo must reference an X.509 v3 BinarySecurityToken of this header',
    );
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(token.textContent ?? '', 'base64'));
  } catch {
    return refuse(
      'wsse:InvalidSecurityToken',
      'The BinarySecurityToken is not an X.509 certificate',
    );
  }

  const verifier = new SignedXml({ publicCert: certificate.toString() });
  verifier.loadSignature(signature.toString());
  let valid = false;
  try {
    valid = verifier.checkSignature(xml);
  } catch (error) {
    return refuse('wsse:FailedCheck', `The signature does not verify: ${(error as Error).message}`);
  }
  if (!valid) return refuse('wsse:FailedCheck', 'The signature does not verify');

  const signedUris = new Set(verifier.getReferences().map((r) => r.uri));
  for (const [element, what] of [
    [body, 'soapenv:Body'],
    [timestamp, 'wsu:Timestamp'],
  ] as const) {
    const id = element.getAttributeNS(WSU_NS, 'Id');
    if (!id || !signedUris.has(`#${id}`)) {
      return refuse('wsse:FailedCheck', `The signature does not cover the ${what}`);
    }
  }

  const created = Date.parse(only(timestamp, WSU_NS, 'Created')?.textContent ?? '');
  const expires = Date.parse(only(timestamp, WSU_NS, 'Expires')?.textContent ?? '');
  if (Number.isNaN(created) || Number.isNaN(expires)) {
    return refuse('wsse:InvalidSecurity', 'wsu:Timestamp needs Created and Expires');
  }
  if (created > now.getTime() + CLOCK_SKEW_MS || expires < now.getTime() - CLOCK_SKEW_MS) {
    return refuse('wsse:MessageExpired', 'The request has expired (wsu:Timestamp)');
  }

  const operation = Array.from(body.childNodes).find((n) => n.nodeType === 1) as
    | Element
    | undefined;
  if (!operation) return refuse('wsse:InvalidSecurity', 'The Body is empty');
  return { ok: true, certificate, operation };
}
